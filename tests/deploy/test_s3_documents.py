"""Document content in an S3-compatible store (ZGW_STORAGE=s3 → django-storages' S3Storage), in process: moto
stands in for the store. Base64 content, a chunked upload through bestandsdelen and the downloads of both."""

from __future__ import annotations

import pytest
import responses
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documenten.conftest import EIO_LIST, b64, eio_body, path_of, remote_iotype

boto3 = pytest.importorskip("boto3", reason="needs the s3 extra (pip install -e '.[s3]')")
moto = pytest.importorskip("moto", reason="needs moto (the test extra)")
pytest.importorskip("storages", reason="needs the s3 extra (pip install -e '.[s3]')")

BUCKET = "zgw-test-documenten"
CONTENT = b"0123456789abcdefghijKLMNO"  # 25 bytes -> parts of 10, 10, 5


@pytest.fixture
def s3(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "region_name": "us-east-1", "location": "zgw",
                            "file_overwrite": True, "default_acl": None},
            },
        }  # fmt: skip
        settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE = 10
        yield client


@pytest.fixture
def iotype():
    data = remote_iotype()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        mocked.get(data["url"], json=data)
        yield data


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def _download(api, url: str) -> bytes:
    response = api.get(f"{path_of(url)}/download")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_base64_content_is_stored_in_the_bucket_and_downloaded_from_it(s3, iotype, superuser_client):
    created = superuser_client.post(EIO_LIST, eio_body(iotype["url"], inhoud=b64(b"hallo S3")), format="json")
    assert created.status_code == 201, created.json()
    keys = _keys(s3)
    assert len(keys) == 1 and keys[0].startswith("zgw/documenten/")
    assert s3.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == b"hallo S3"
    assert _download(superuser_client, created.json()["url"]) == b"hallo S3"


# ConcatenatedReader must be a complete file object for S3Storage: ``closed``/``seekable()`` (asked by its _save) and
# read(n) filled across parts (s3transfer takes a short read for the end of the stream).
@pytest.mark.django_db
def test_bestandsdelen_are_assembled_from_the_bucket(s3, iotype, superuser_client):
    created = superuser_client.post(EIO_LIST, eio_body(iotype["url"], inhoud=None, bestandsomvang=25), format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    for part, piece in zip(data["bestandsdelen"], (CONTENT[:10], CONTENT[10:20], CONTENT[20:]), strict=True):
        response = superuser_client.put(
            path_of(part["url"]),
            format="multipart",
            data={"inhoud": SimpleUploadedFile("deel.bin", piece), "lock": data["lock"]},
        )
        assert response.status_code == 200, response.json()
    unlocked = superuser_client.post(f"{path_of(data['url'])}/unlock", {"lock": data["lock"]}, format="json")
    assert unlocked.status_code == 204, unlocked.content
    assert _download(superuser_client, data["url"]) == CONTENT
    assembled = [key for key in _keys(s3) if "/parts/" not in key]
    assert [s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in assembled] == [CONTENT]
