//! (being written)

use posture_model::Inventory;

use super::ImportError;

pub(crate) fn import(path: &str, _text: &[u8]) -> Result<Inventory, ImportError> {
    Err(ImportError::malformed(
        path,
        "$",
        "this importer is not written yet",
    ))
}
