//! The OpenAPI 3.1 document, generated from the route table (paths, methods, parameters,
//! security, error responses) plus the schemas below. A test checks that every API route of
//! the table is in the document and that every schema a route names exists.

use serde_json::{Map, Value, json};

use crate::routes::{Policy, ROUTES};

fn schemas() -> Value {
    let id = json!({"type": "integer", "format": "int64"});
    let time = json!({"type": "integer", "format": "int64", "description": "Unix seconds"});
    let opt_time =
        json!({"type": ["integer", "null"], "format": "int64", "description": "Unix seconds"});
    let schedule = json!({"oneOf": [
        {"const": "manual"},
        {"type": "object", "required": ["interval"], "properties": {"interval": {"type": "integer", "minimum": 60, "description": "seconds"}}, "additionalProperties": false},
        {"type": "object", "required": ["cron"], "properties": {"cron": {"type": "string", "description": "five fields, UTC"}}, "additionalProperties": false}
    ]});
    let kind = json!({"enum": ["files", "aws", "azure", "gcp"]});
    json!({
        "Object": {"type": "object"},
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
            "required": ["code", "message"], "properties": {
                "code": {"enum": ["invalid_request", "invalid_value", "unauthenticated", "forbidden", "four_eyes", "not_found", "method_not_allowed", "conflict", "internal"]},
                "message": {"type": "string"}}}}},
        "Me": {"type": "object", "properties": {"tenant": {"type": "string"}, "tenant_id": id, "token": {"type": "object"}}},
        "TargetInput": {"type": "object", "required": ["name", "kind"], "additionalProperties": false, "properties": {
            "name": {"type": "string"}, "kind": kind,
            "scope": {"type": "object", "description": "files: {\"paths\": [..]}; clouds: {\"accounts\"|\"subscriptions\"|\"projects\": [..], \"regions\": [..]}"},
            "credentials_ref": {"type": ["string", "null"], "description": "where the credentials are (env var, profile, secret name); never the credentials"},
            "schedule": schedule, "enabled": {"type": "boolean", "default": true}}},
        "Target": {"type": "object", "properties": {"id": id, "tenant_id": id, "name": {"type": "string"}, "kind": kind,
            "scope": {"type": "object"}, "credentials_ref": {"type": ["string", "null"]}, "schedule": schedule,
            "enabled": {"type": "boolean"}, "next_run_at": opt_time, "created_at": time, "updated_at": time}},
        "TargetList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Target"}}}},
        "ScanRequest": {"type": "object", "additionalProperties": false, "properties": {"resources": {"type": "array", "items": {"type": "string"}, "description": "resource uids to re-collect (empty: all)"}}},
        "Job": {"type": "object", "properties": {"id": id, "tenant_id": id, "target_id": id,
            "state": {"enum": ["queued", "running", "succeeded", "failed", "cancelled"]}, "reason": {"type": "string"},
            "requested_by": {"type": "string"}, "resources": {"type": "array", "items": {"type": "string"}},
            "created_at": time, "started_at": opt_time, "finished_at": opt_time, "lease_owner": {"type": ["string", "null"]},
            "lease_expires_at": opt_time, "heartbeat_at": opt_time, "attempts": {"type": "integer"},
            "scan_id": {"type": ["integer", "null"]}, "error": {"type": ["string", "null"]}}},
        "JobList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}, "next_before": {"type": ["integer", "null"]}}},
        "ScanHistory": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}, "offset": {"type": "integer"}, "limit": {"type": "integer"}}},
        "Finding": {"type": "object", "properties": {"uid": {"type": "string"}, "rule_id": {"type": "string"}, "title": {"type": "string"},
            "severity": {"enum": ["critical", "high", "medium", "low", "info"]}, "state": {"type": "string"}, "status": {"type": "string"},
            "display": {"enum": ["open", "excepted", "resolved"]}, "resource_uid": {"type": "string"}, "resource_name": {"type": "string"},
            "resource_kind": {"type": "string"}, "provider": {"type": "string"}, "account": {"type": "string"}, "region": {"type": "string"},
            "tags": {"type": "object"}, "message": {"type": "string"}, "first_seen": time, "last_seen": time, "opened_at": time,
            "resolved_at": opt_time, "reopen_count": {"type": "integer"}, "due_at": opt_time, "overdue": {"type": "boolean"},
            "baseline": {"type": "boolean"}, "exception_id": {"type": ["integer", "null"]}, "risk": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
            "risk_factors": {"type": "array", "items": {"type": "object"}}}},
        "FindingPage": {"type": "object", "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"}, "limit": {"type": "integer"},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
        "FindingDetail": {"type": "object", "properties": {"finding": {"$ref": "#/components/schemas/Finding"}, "evidence": {"type": "object"},
            "risk": {"type": "object"}, "rule": {"type": ["object", "null"]}, "fix": {"type": ["object", "null"]},
            "compliance": {"type": "object", "description": "framework id → requirement ids"}}},
        "Snapshots": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
            "scan_id": id, "as_of": time, "kind": {"type": "string"}, "key": {"type": "string"}, "target_id": {"type": ["integer", "null"]}, "document": {"type": "object"}}}}}},
        "ExceptionInput": {"type": "object", "required": ["reason", "justification", "owner", "scopes"], "additionalProperties": false, "properties": {
            "reason": {"enum": ["risk_accepted", "false_positive", "compensating_control"]}, "justification": {"type": "string"},
            "owner": {"type": "string"}, "ticket": {"type": ["string", "null"]}, "expires": {"type": ["string", "null"], "description": "RFC 3339 or YYYY-MM-DD; required for risk_accepted"},
            "scopes": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {"rule": {"type": "string"}, "resource": {"type": "string"}, "account": {"type": "string"}, "tag": {"type": "string"}}}}}},
        "Exception": {"type": "object"},
        "ExceptionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Exception"}}}},
        "Decision": {"type": "object", "additionalProperties": false, "properties": {"note": {"type": "string"}}},
        "Trends": {"type": "object", "properties": {"days": {"type": "array", "items": {"type": "object"}}, "mttr_hours": {"type": "object"}, "sla_adherence": {"type": "object"}, "overdue_now": {"type": "integer"}}},
        "AuditList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}},
        "AuditReport": {"type": "object", "properties": {"ok": {"type": "boolean"}, "entries": {"type": "integer"}, "problems": {"type": "array", "items": {"type": "string"}}}},
        "TokenInput": {"type": "object", "required": ["name", "role"], "additionalProperties": false, "properties": {"name": {"type": "string"}, "role": {"enum": ["viewer", "analyst", "approver", "admin"]}}},
        "Token": {"type": "object", "description": "never includes the secret"},
        "TokenList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}}},
        "NewToken": {"type": "object", "properties": {"token": {"$ref": "#/components/schemas/Token"}, "secret": {"type": "string", "description": "shown only in this response"}}},
        "Deleted": {"type": "object", "properties": {"deleted": {"type": "boolean"}, "id": id}},
        "EventResult": {"type": "object", "properties": {"resources": {"type": "integer"}, "queued": {"type": "array"}, "already_active": {"type": "array"}, "unmatched_resources": {"type": "integer"}, "validationResponse": {"type": "string"}}},
    })
}

fn error_ref(desc: &str) -> Value {
    json!({"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The document.
#[must_use]
pub fn document() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for r in ROUTES.iter().filter(|r| r.api) {
        let mut params: Vec<Value> = Vec::new();
        for seg in r.path.split('/') {
            if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                params.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
            }
        }
        for q in r.query {
            params.push(json!({"name": q.name, "in": "query", "required": false, "description": q.doc, "schema": {"type": q.ty}}));
        }
        let mut op = json!({
            "operationId": r.id,
            "summary": r.summary,
            "tags": [r.id.split('.').next().unwrap_or(r.id)],
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{}", r.response.unwrap_or("Object"))}}}},
                "400": error_ref("Bad request: the message names the parameter or JSON path."),
                "401": error_ref("No valid token."),
                "403": error_ref("The token's role is not enough."),
                "404": error_ref("No such object in the caller's tenant."),
            },
        });
        if let Policy::Role(role) = r.policy {
            op["security"] = json!([{"bearer": []}]);
            op["x-required-role"] = json!(role.as_str());
        }
        if let Some(b) = r.body {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{b}")}}}});
        }
        let entry = paths
            .entry(r.path.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[r.method.to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Posture API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Cloud security posture as a service: targets, scans, findings, inventory, compliance, exceptions, trends, audit. Every route works inside the calling token's tenant.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "A Posture API token (pst_…), created with `posture token create` or POST /api/v1/tokens."}},
            "schemas": schemas(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_route_is_documented_and_every_schema_exists() {
        let doc = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for r in ROUTES.iter().filter(|r| r.api) {
            let op = &doc["paths"][r.path][r.method.to_ascii_lowercase()];
            assert_eq!(op["operationId"], r.id, "{} {} missing", r.method, r.path);
            for name in r.body.iter().chain(r.response.iter()) {
                assert!(schemas.contains_key(*name), "{}: no schema {name}", r.id);
            }
        }
        // Every $ref resolves.
        let text = doc.to_string();
        for part in text.split("#/components/schemas/").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(schemas.contains_key(&name), "dangling $ref {name}");
        }
    }
}
