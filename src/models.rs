//! All models of a run, composed from each stage's own loader: read once, shared read-only.
use anyhow::Context;

pub use crate::model_files::{ModelFileUse, ModelFiles, export, hex, tsv_rows};

/// All models of a run, loaded once and shared read-only by every stage.
#[derive(Debug)]
pub struct Models {
    pub page: crate::page::PageModel,
    pub tone: crate::tone::ToneModel,
    pub domain: crate::domain::DomainModel,
    pub registry: crate::registry::Registry,
    pub criteria: crate::judge::CriteriaConfig,
    /// sha256 of all model files (see [`ModelFiles::hash`]).
    pub hash: String,
    /// Every model and registry file read, with its source (for `run.json`).
    pub files: Vec<ModelFileUse>,
}

impl Models {
    /// Loads every model after checking the override folders ([`ModelFiles::check`]).
    pub fn load(files: &ModelFiles) -> anyhow::Result<Self> {
        files.check()?;
        let registry = crate::registry::Registry::load(files).context("loading registries")?;
        Ok(Models {
            page: crate::page::PageModel::load(files).context("loading page models")?,
            tone: crate::tone::ToneModel::load(files).context("loading tone models")?,
            domain: crate::domain::DomainModel::load(files, &registry).context("loading domain models")?,
            registry,
            criteria: crate::judge::CriteriaConfig::load(files)?,
            hash: files.hash(),
            files: files.used(),
        })
    }

    /// The models the judge reads.
    pub fn judge(&self) -> crate::judge::JudgeModels<'_> {
        crate::judge::JudgeModels {
            criteria: &self.criteria,
            domain: &self.domain,
            registry: &self.registry,
            tone: &self.tone,
        }
    }

    /// The embedded defaults.
    pub fn embedded() -> anyhow::Result<Self> {
        Self::load(&ModelFiles::default())
    }
}
