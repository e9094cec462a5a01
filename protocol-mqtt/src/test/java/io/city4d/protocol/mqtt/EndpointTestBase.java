package io.city4d.protocol.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One endpoint on a real core for all the tests of a class; subclasses register their devices in their own @BeforeAll. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndpointTestBase {
    EndpointFixture fixture;

    @BeforeAll
    void startEndpoint() {
        fixture = new EndpointFixture();
    }

    @AfterAll
    void stopEndpoint() {
        fixture.close();
    }
}
