"""Developer tools: local servers for tests, the benchmark and `make serve-prod`."""
