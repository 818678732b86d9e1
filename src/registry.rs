//! Registries of licensed press outlets, aggregate sites and social networks (CSV).
use crate::models::ModelFiles;

/// Who is licensed.
#[derive(Debug, Default)]
pub struct Registry {}

impl Registry {
    pub fn load(_files: &ModelFiles) -> anyhow::Result<Self> {
        Ok(Registry {})
    }
}
