"""A real S3 HTTP endpoint for tests and scripts/cluster: moto's threaded server on a port
of this machine, with a private bucket. Not imported by the application."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ACCESS_KEY = "liaison-test"
SECRET_KEY = "liaison-test-secret"  # noqa: S105 (a throwaway local server's key)
REGION = "eu-west-1"


@dataclass(frozen=True)
class S3Endpoint:
    url: str
    bucket: str

    def environment(self) -> dict[str, str]:
        """The LIAISON_* variables that point Liaison's storage at this bucket."""
        return {
            "LIAISON_STORAGE": "s3",
            "LIAISON_S3_BUCKET": self.bucket,
            "LIAISON_S3_ENDPOINT_URL": self.url,
            "LIAISON_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "LIAISON_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "LIAISON_S3_REGION": REGION,
        }

    def client(self) -> object:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )


def free_port(first: int, last: int) -> int:
    """The first port in [first, last] nobody listens on."""
    for port in range(first, last + 1):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {first} and {last}")


def bucket_create(endpoint: S3Endpoint) -> None:
    client = endpoint.client()
    client.create_bucket(  # type: ignore[attr-defined]
        Bucket=endpoint.bucket,
        ACL="private",
        CreateBucketConfiguration={"LocationConstraint": REGION},
    )


@contextmanager
def s3_server(*, port: int, bucket: str = "liaison") -> Iterator[S3Endpoint]:
    """moto's S3 server listening on 127.0.0.1:`port` with an empty private `bucket`."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = S3Endpoint(url=f"http://127.0.0.1:{port}", bucket=bucket)
        bucket_create(endpoint)
        yield endpoint
    finally:
        server.stop()
