"""`python -m simulators.kubernetes --account-dir DIR`: a Kubernetes API with a few pods, and
the service account files and variables to point a monitor at it."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from simulators.kubernetes.server import KubernetesSimulator, container, pod, pod_metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--account-dir", type=Path, required=True)
    args = parser.parse_args()
    with KubernetesSimulator() as simulator:
        simulator.pods = [
            pod(
                "registry-7d9f8c6b5-x2k4p",
                [
                    container(
                        "registry",
                        requests={"cpu": "250m", "memory": "256Mi"},
                        limits={"memory": "512Mi"},
                    )
                ],
            ),
            pod(
                "payment-5c6d7f8b9-q8r7s",
                [container("payment", ready=False, restarts=12, waiting=("CrashLoopBackOff", ""))],
            ),
        ]
        simulator.pod_metrics = [pod_metrics("registry-7d9f8c6b5-x2k4p", {"registry": "300Mi"})]
        simulator.write_service_account(args.account_dir)
        env = simulator.env() | {"WAILIAN_MONITOR_KUBERNETES_ACCOUNT_DIR": str(args.account_dir)}
        print(" ".join(f"{name}={value}" for name, value in env.items()), flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
