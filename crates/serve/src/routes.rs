//! The route table: every route the server answers, with its access policy and its API
//! documentation. The router, the authorization middleware, the OpenAPI document and the
//! authorization test matrix are all built from this one table, so a route cannot exist without
//! a policy (the middleware refuses requests to a route missing from the table).

use posture_store::Role;

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Anyone (health checks, the API description, the login page).
    Public,
    /// A token of the caller's tenant with at least this role.
    Role(Role),
    /// An admin token of the default tenant (the operator of the installation): metrics span
    /// every tenant.
    Operator,
}

/// How a route authenticates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// `Authorization: Bearer <token>` only (the JSON API: no cookies, so no CSRF).
    Bearer,
    /// The dashboard session cookie (pages) — unsafe methods also need the CSRF token.
    Session,
}

/// A documented query parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Name.
    pub name: &'static str,
    /// JSON schema type (`string`, `integer`, `boolean`).
    pub ty: &'static str,
    /// What it does.
    pub doc: &'static str,
}

const fn p(name: &'static str, ty: &'static str, doc: &'static str) -> Param {
    Param { name, ty, doc }
}

/// One route.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// Stable id (`targets.list`): the handler is looked up by it.
    pub id: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path (axum syntax, `{id}` for parameters).
    pub path: &'static str,
    /// Access policy.
    pub policy: Policy,
    /// How it authenticates.
    pub channel: Channel,
    /// One-line summary.
    pub summary: &'static str,
    /// Query parameters.
    pub query: &'static [Param],
    /// Request body schema name (in `components.schemas`), if any.
    pub body: Option<&'static str>,
    /// Success response schema name, or `None` for non-JSON responses.
    pub response: Option<&'static str>,
    /// Documented in the OpenAPI document (the API; not pages or probes).
    pub api: bool,
}

const PAGE: &[Param] = &[
    p(
        "limit",
        "integer",
        "At most this many items (default 100, at most 1000).",
    ),
    p("offset", "integer", "Skip this many items (pagination)."),
];

const FINDING_FILTERS: &[Param] = &[
    p(
        "state",
        "string",
        "Comma-separated: open (default), excepted, new, reopened, resolved, all.",
    ),
    p(
        "severity",
        "string",
        "Comma-separated severities: critical, high, medium, low, info.",
    ),
    p(
        "rule",
        "string",
        "Comma-separated rule ids or globs (`aws.s3.*`).",
    ),
    p(
        "account",
        "string",
        "Comma-separated accounts, subscriptions or projects.",
    ),
    p(
        "tag",
        "string",
        "Comma-separated tag selectors (`key` or `key=value`); all must match.",
    ),
    p(
        "framework",
        "string",
        "Only rules mapped to this compliance framework id.",
    ),
    p(
        "min_age_days",
        "integer",
        "Open for at least this many days.",
    ),
    p(
        "overdue",
        "boolean",
        "Only findings past their SLA due date.",
    ),
    p(
        "sort",
        "string",
        "risk (default), severity, age, due, last_seen.",
    ),
    p(
        "limit",
        "integer",
        "At most this many items (default 100, at most 1000).",
    ),
    p("offset", "integer", "Skip this many items (pagination)."),
];

const fn api(
    id: &'static str,
    method: &'static str,
    path: &'static str,
    role: Role,
    summary: &'static str,
) -> Route {
    Route {
        id,
        method,
        path,
        policy: Policy::Role(role),
        channel: Channel::Bearer,
        summary,
        query: &[],
        body: None,
        response: Some("Object"),
        api: true,
    }
}

const fn with(
    mut r: Route,
    query: &'static [Param],
    body: Option<&'static str>,
    response: &'static str,
) -> Route {
    r.query = query;
    r.body = body;
    r.response = Some(response);
    r
}

const fn page(
    id: &'static str,
    method: &'static str,
    path: &'static str,
    policy: Policy,
    summary: &'static str,
) -> Route {
    Route {
        id,
        method,
        path,
        policy,
        channel: Channel::Session,
        summary,
        query: &[],
        body: None,
        response: None,
        api: false,
    }
}

const fn probe(
    id: &'static str,
    path: &'static str,
    policy: Policy,
    summary: &'static str,
) -> Route {
    Route {
        id,
        method: "GET",
        path,
        policy,
        channel: Channel::Bearer,
        summary,
        query: &[],
        body: None,
        response: None,
        api: false,
    }
}

use Role::{Admin, Analyst, Approver, Viewer};

/// Every route.
pub const ROUTES: &[Route] = &[
    probe(
        "healthz",
        "/healthz",
        Policy::Public,
        "Liveness: the process answers.",
    ),
    probe(
        "readyz",
        "/readyz",
        Policy::Public,
        "Readiness: the database answers.",
    ),
    probe(
        "metrics",
        "/metrics",
        Policy::Operator,
        "Prometheus metrics (operator token).",
    ),
    Route {
        id: "openapi",
        method: "GET",
        path: "/api/v1/openapi.json",
        policy: Policy::Public,
        channel: Channel::Bearer,
        summary: "This API's OpenAPI 3.1 document.",
        query: &[],
        body: None,
        response: None,
        api: false,
    },
    with(
        api(
            "me",
            "GET",
            "/api/v1/me",
            Viewer,
            "The calling token: tenant and role.",
        ),
        &[],
        None,
        "Me",
    ),
    with(
        api(
            "targets.list",
            "GET",
            "/api/v1/targets",
            Viewer,
            "List scan targets.",
        ),
        &[],
        None,
        "TargetList",
    ),
    with(
        api(
            "targets.create",
            "POST",
            "/api/v1/targets",
            Admin,
            "Create a scan target.",
        ),
        &[],
        Some("TargetInput"),
        "Target",
    ),
    with(
        api(
            "targets.get",
            "GET",
            "/api/v1/targets/{id}",
            Viewer,
            "One scan target.",
        ),
        &[],
        None,
        "Target",
    ),
    with(
        api(
            "targets.update",
            "PUT",
            "/api/v1/targets/{id}",
            Admin,
            "Replace a scan target's settings.",
        ),
        &[],
        Some("TargetInput"),
        "Target",
    ),
    with(
        api(
            "targets.delete",
            "DELETE",
            "/api/v1/targets/{id}",
            Admin,
            "Delete a scan target (its scan history stays).",
        ),
        &[],
        None,
        "Deleted",
    ),
    with(
        api(
            "scans.start",
            "POST",
            "/api/v1/targets/{id}/scans",
            Analyst,
            "Start a scan of a target (one at a time per target).",
        ),
        &[],
        Some("ScanRequest"),
        "Job",
    ),
    with(
        api(
            "scans.list",
            "GET",
            "/api/v1/scans",
            Viewer,
            "Scan jobs, newest first.",
        ),
        &[
            p("target", "integer", "Only this target's jobs."),
            p(
                "state",
                "string",
                "queued, running, succeeded, failed or cancelled.",
            ),
            p(
                "before",
                "integer",
                "Jobs with a smaller id (pagination cursor).",
            ),
            p(
                "limit",
                "integer",
                "At most this many (default 100, at most 1000).",
            ),
        ],
        None,
        "JobList",
    ),
    with(
        api(
            "scans.get",
            "GET",
            "/api/v1/scans/{id}",
            Viewer,
            "One scan job's status.",
        ),
        &[],
        None,
        "Job",
    ),
    with(
        api(
            "scans.cancel",
            "POST",
            "/api/v1/scans/{id}/cancel",
            Analyst,
            "Cancel a queued or running scan.",
        ),
        &[],
        None,
        "Job",
    ),
    with(
        api(
            "history.list",
            "GET",
            "/api/v1/history",
            Viewer,
            "Recorded scans with their lifecycle counts.",
        ),
        PAGE,
        None,
        "ScanHistory",
    ),
    with(
        api(
            "findings.list",
            "GET",
            "/api/v1/findings",
            Viewer,
            "Findings with their lifecycle, filtered, sorted by risk, paginated.",
        ),
        FINDING_FILTERS,
        None,
        "FindingPage",
    ),
    with(
        api(
            "findings.get",
            "GET",
            "/api/v1/findings/{uid}",
            Viewer,
            "One finding with its evidence, risk factors, fix and compliance references.",
        ),
        &[],
        None,
        "FindingDetail",
    ),
    with(
        api(
            "inventory.get",
            "GET",
            "/api/v1/inventory",
            Viewer,
            "Resources per provider, kind, account and region from each target's latest scan.",
        ),
        &[p("target", "integer", "Only this target.")],
        None,
        "Snapshots",
    ),
    with(
        api(
            "compliance.list",
            "GET",
            "/api/v1/compliance",
            Viewer,
            "Posture per framework from each target's latest scan.",
        ),
        &[p("target", "integer", "Only this target.")],
        None,
        "Snapshots",
    ),
    with(
        api(
            "compliance.get",
            "GET",
            "/api/v1/compliance/{framework}",
            Viewer,
            "One framework's posture per requirement.",
        ),
        &[p("target", "integer", "Only this target.")],
        None,
        "Snapshots",
    ),
    with(
        api(
            "exceptions.list",
            "GET",
            "/api/v1/exceptions",
            Viewer,
            "Exceptions with their state.",
        ),
        &[],
        None,
        "ExceptionList",
    ),
    with(
        api(
            "exceptions.request",
            "POST",
            "/api/v1/exceptions",
            Analyst,
            "Request an exception (it applies once approved).",
        ),
        &[],
        Some("ExceptionInput"),
        "Exception",
    ),
    with(
        api(
            "exceptions.approve",
            "POST",
            "/api/v1/exceptions/{id}/approve",
            Approver,
            "Approve a requested exception (never your own).",
        ),
        &[],
        Some("Decision"),
        "Exception",
    ),
    with(
        api(
            "exceptions.reject",
            "POST",
            "/api/v1/exceptions/{id}/reject",
            Approver,
            "Reject a requested exception.",
        ),
        &[],
        Some("Decision"),
        "Exception",
    ),
    with(
        api(
            "trends.get",
            "GET",
            "/api/v1/trends",
            Viewer,
            "Open findings by severity per day, MTTR, SLA adherence, coverage.",
        ),
        &[p(
            "days",
            "integer",
            "Period in days (default 30, at most 3650).",
        )],
        None,
        "Trends",
    ),
    with(
        api(
            "audit.list",
            "GET",
            "/api/v1/audit",
            Admin,
            "The tenant's hash-chained audit log, newest first.",
        ),
        &[p(
            "limit",
            "integer",
            "At most this many (default 100, at most 1000).",
        )],
        None,
        "AuditList",
    ),
    with(
        api(
            "audit.verify",
            "GET",
            "/api/v1/audit/verify",
            Admin,
            "Verify the audit chain.",
        ),
        &[],
        None,
        "AuditReport",
    ),
    with(
        api(
            "tokens.list",
            "GET",
            "/api/v1/tokens",
            Admin,
            "The tenant's API tokens (never their secrets).",
        ),
        &[],
        None,
        "TokenList",
    ),
    with(
        api(
            "tokens.create",
            "POST",
            "/api/v1/tokens",
            Admin,
            "Create a token; its secret is in this response only.",
        ),
        &[],
        Some("TokenInput"),
        "NewToken",
    ),
    with(
        api(
            "tokens.revoke",
            "DELETE",
            "/api/v1/tokens/{id}",
            Admin,
            "Revoke a token.",
        ),
        &[],
        None,
        "Deleted",
    ),
    with(
        api(
            "events.ingest",
            "POST",
            "/api/v1/events",
            Analyst,
            "Cloud change events (EventBridge/CloudTrail, Event Grid, GCP audit log via Pub/Sub push): queue targeted re-scans.",
        ),
        &[],
        Some("Object"),
        "EventResult",
    ),
    page(
        "ui.login",
        "GET",
        "/",
        Policy::Public,
        "Dashboard login page.",
    ),
    page(
        "ui.session",
        "POST",
        "/ui/session",
        Policy::Public,
        "Log in with a token (sets the session cookie).",
    ),
    page(
        "ui.logout",
        "POST",
        "/ui/logout",
        Policy::Public,
        "Log out (clears the session cookie).",
    ),
    page(
        "ui.overview",
        "GET",
        "/ui/overview",
        Policy::Role(Viewer),
        "Dashboard: posture overview.",
    ),
    page(
        "ui.findings",
        "GET",
        "/ui/findings",
        Policy::Role(Viewer),
        "Dashboard: findings list.",
    ),
    page(
        "ui.finding",
        "GET",
        "/ui/findings/{uid}",
        Policy::Role(Viewer),
        "Dashboard: one finding.",
    ),
    page(
        "ui.exceptions",
        "GET",
        "/ui/exceptions",
        Policy::Role(Viewer),
        "Dashboard: exceptions.",
    ),
    page(
        "ui.approve",
        "POST",
        "/ui/exceptions/{id}/approve",
        Policy::Role(Approver),
        "Dashboard: approve an exception.",
    ),
    page(
        "ui.asset",
        "GET",
        "/ui/static/{name}",
        Policy::Public,
        "Dashboard script and style sheet.",
    ),
];

/// The route with this method and matched path.
#[must_use]
pub fn find(method: &str, path: &str) -> Option<&'static Route> {
    ROUTES
        .iter()
        .find(|r| r.method.eq_ignore_ascii_case(method) && r.path == path)
}
