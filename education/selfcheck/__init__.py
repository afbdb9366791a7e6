"""The private pre-visit self-check and visit preparation."""
