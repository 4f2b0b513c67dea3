"""Pages of the readiness app, one module per feature. Thin: fetch through core.permissions and the
readiness rules, read through selectors, write through services."""
