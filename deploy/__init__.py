"""Red School beyond one server: Kubernetes objects and the chart's hub configuration."""
