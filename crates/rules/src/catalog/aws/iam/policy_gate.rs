//! Shared by the customer-managed policy rules: which policies they judge.

use posture_model::policy::PolicyDocument;

use crate::prelude::*;

/// The document of an attached customer-managed policy, or the verdict for one the rules skip.
pub(super) fn attached_document(
    p: &aws::IamPolicy,
) -> Result<Result<&PolicyDocument, Verdict>, Missing> {
    if p.aws_managed {
        return Ok(Err(Verdict::NotApplicable("AWS-managed policy".into())));
    }
    let doc = need(&p.document, "document")?;
    if *need(&p.attachment_count, "attachment_count")? == 0 {
        return Ok(Err(Verdict::NotApplicable(
            "policy is not attached to any identity".into(),
        )));
    }
    Ok(Ok(doc))
}
