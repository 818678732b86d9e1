//! Reader stub (to be written).
