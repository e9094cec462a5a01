package io.city4d.core.problem;

/** The NGSI-LD error types (ETSI GS CIM 009, clause 5.5.2) and a few of City4D's own, with their HTTP status. */
public enum ProblemType {
    INVALID_REQUEST("https://uri.etsi.org/ngsi-ld/errors/InvalidRequest", 400, "Invalid request"),
    BAD_REQUEST_DATA("https://uri.etsi.org/ngsi-ld/errors/BadRequestData", 400, "Bad request data"),
    ALREADY_EXISTS("https://uri.etsi.org/ngsi-ld/errors/AlreadyExists", 409, "Already exists"),
    OPERATION_NOT_SUPPORTED("https://uri.etsi.org/ngsi-ld/errors/OperationNotSupported", 422, "Operation not supported"),
    RESOURCE_NOT_FOUND("https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound", 404, "Resource not found"),
    INTERNAL_ERROR("https://uri.etsi.org/ngsi-ld/errors/InternalError", 500, "Internal error"),
    TOO_COMPLEX_QUERY("https://uri.etsi.org/ngsi-ld/errors/TooComplexQuery", 403, "Too complex query"),
    TOO_MANY_RESULTS("https://uri.etsi.org/ngsi-ld/errors/TooManyResults", 403, "Too many results"),
    LD_CONTEXT_NOT_AVAILABLE("https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable", 504, "LD context not available"),
    NO_MULTI_TENANT_SUPPORT("https://uri.etsi.org/ngsi-ld/errors/NoMultiTenantSupport", 501, "No multi-tenant support"),
    NONEXISTENT_TENANT("https://uri.etsi.org/ngsi-ld/errors/NonexistentTenant", 404, "Nonexistent tenant"),
    UNSUPPORTED_MEDIA_TYPE("https://city4d.io/problems/unsupported-media-type", 415, "Unsupported media type"),
    NOT_ACCEPTABLE("https://city4d.io/problems/not-acceptable", 406, "Not acceptable"),
    PAYLOAD_TOO_LARGE("https://city4d.io/problems/payload-too-large", 413, "Payload too large"),
    URI_TOO_LONG("https://city4d.io/problems/uri-too-long", 414, "URI too long"),
    HEADERS_TOO_LARGE("https://city4d.io/problems/headers-too-large", 431, "Request headers too large"),
    METHOD_NOT_ALLOWED("https://city4d.io/problems/method-not-allowed", 405, "Method not allowed"),
    UNAUTHORIZED("https://city4d.io/problems/unauthorized", 401, "Unauthorized"),
    FORBIDDEN("https://city4d.io/problems/forbidden", 403, "Forbidden"),
    CONFLICT("https://city4d.io/problems/conflict", 409, "Conflict"),
    OVERLOADED("https://city4d.io/problems/overloaded", 503, "Overloaded, retry later"),
    TOO_MANY_REQUESTS("https://city4d.io/problems/too-many-requests", 429, "Too many requests");

    private final String uri;
    private final int status;
    private final String title;

    ProblemType(String uri, int status, String title) {
        this.uri = uri;
        this.status = status;
        this.title = title;
    }

    public String uri() { return uri; }
    public int status() { return status; }
    public String title() { return title; }
}
