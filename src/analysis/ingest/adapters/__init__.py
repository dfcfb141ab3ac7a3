"""Source adapters: each reads one raw format into tidy polars frames; no plotting, no writing."""
