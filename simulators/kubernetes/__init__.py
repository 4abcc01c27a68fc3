"""A local Kubernetes API server for tests: HTTPS with its own CA, bearer tokens, the core/v1
PodList and metrics.k8s.io PodMetricsList shapes (see README.md)."""

from simulators.kubernetes.server import KubernetesSimulator, container, pod, pod_metrics

__all__ = ["KubernetesSimulator", "container", "pod", "pod_metrics"]
