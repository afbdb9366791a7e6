"""Site-wide plumbing: page cache, SEO, health checks, error pages and security."""
