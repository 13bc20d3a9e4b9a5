"""Chunked upload through bestandsdelen (documenten.md §3.4), end to end."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from rest_framework.test import APIClient

from zgw.documenten.models import BestandsDeel, EnkelvoudigInformatieObjectVersie

from .conftest import EIO_LIST, codes, eio_body, path_of

CONTENT = b"0123456789abcdefghijKLMNO"  # 25 bytes -> parts of 10, 10, 5


@pytest.fixture(autouse=True)
def _small_chunks(settings):
    settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE = 10


def _start_upload(client, iotype_url: str, size: int = len(CONTENT)) -> dict:
    response = client.post(EIO_LIST, eio_body(iotype_url, inhoud=None, bestandsomvang=size), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _put_part(client, part: dict, data: bytes, lock_id: str):
    return client.put(
        path_of(part["url"]),
        {"inhoud": SimpleUploadedFile("deel.bin", data), "lock": lock_id},
        format="multipart",
    )


def _download(client, url: str, **params) -> bytes:
    response = client.get(f"{path_of(url)}/download", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_create_announces_parts_and_locks(superuser_client, iotype):
    data = _start_upload(superuser_client, iotype["url"])
    assert data["locked"] is True
    assert len(data["lock"]) == 32
    assert data["inhoud"] is None
    parts = data["bestandsdelen"]
    assert [(p["volgnummer"], p["omvang"], p["voltooid"]) for p in parts] == [
        (1, 10, False),
        (2, 10, False),
        (3, 5, False),
    ]
    assert all(p["lock"] == data["lock"] for p in parts)


@pytest.mark.django_db
def test_upload_parts_and_unlock_assembles_content(superuser_client, iotype):
    data = _start_upload(superuser_client, iotype["url"])
    lock_id = data["lock"]
    parts = data["bestandsdelen"]
    wrong_size = _put_part(superuser_client, parts[0], CONTENT[:9], lock_id)
    assert wrong_size.status_code == 400
    assert ("nonFieldErrors", "file-size") in codes(wrong_size)
    wrong_lock = _put_part(superuser_client, parts[0], CONTENT[:10], "f" * 32)
    assert wrong_lock.status_code == 400
    assert ("nonFieldErrors", "incorrect-lock-id") in codes(wrong_lock)
    first = _put_part(superuser_client, parts[0], CONTENT[:10], lock_id)
    assert first.status_code == 200, first.json()
    assert first.json()["voltooid"] is True
    assert first.json()["lock"] == lock_id
    # a part is missing: unlock refuses
    incomplete = superuser_client.post(f"{path_of(data['url'])}/unlock", {"lock": lock_id}, format="json")
    assert incomplete.status_code == 400
    assert ("nonFieldErrors", "incomplete-upload") in codes(incomplete)
    assert _put_part(superuser_client, parts[1], CONTENT[10:20], lock_id).status_code == 200
    assert _put_part(superuser_client, parts[2], CONTENT[20:], lock_id).status_code == 200
    detail = superuser_client.get(path_of(data["url"])).json()
    assert [p["voltooid"] for p in detail["bestandsdelen"]] == [True, True, True]
    done = superuser_client.post(f"{path_of(data['url'])}/unlock", {"lock": lock_id}, format="json")
    assert done.status_code == 204
    assert _download(superuser_client, data["url"]) == CONTENT
    final = superuser_client.get(path_of(data["url"])).json()
    assert final["bestandsdelen"] == []
    assert final["locked"] is False
    assert final["bestandsomvang"] == len(CONTENT)
    assert final["inhoud"] is not None
    assert not BestandsDeel.objects.exists()


@pytest.mark.django_db
def test_upload_without_lock_field_and_without_file(superuser_client, iotype):
    data = _start_upload(superuser_client, iotype["url"])
    part = data["bestandsdelen"][0]
    no_lock = superuser_client.put(
        path_of(part["url"]), {"inhoud": SimpleUploadedFile("d", CONTENT[:10])}, format="multipart"
    )
    assert no_lock.status_code == 400
    assert ("lock", "required") in codes(no_lock)
    no_file = superuser_client.put(path_of(part["url"]), {"lock": data["lock"]}, format="multipart")
    assert no_file.status_code == 400
    json_body = superuser_client.put(path_of(part["url"]), {"lock": data["lock"]}, format="json")
    assert json_body.status_code == 415


@pytest.mark.django_db
def test_update_through_bestandsdelen_makes_new_version(superuser_client, iotype, create_eio):
    data = create_eio()
    lock_id = superuser_client.post(f"{path_of(data['url'])}/lock").json()["lock"]
    response = superuser_client.patch(
        path_of(data["url"]), {"inhoud": None, "bestandsomvang": 12, "lock": lock_id}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["versie"] == 2
    assert [p["omvang"] for p in body["bestandsdelen"]] == [10, 2]
    new = b"nieuwe inhoud"[:12]
    _put_part(superuser_client, body["bestandsdelen"][0], new[:10], lock_id)
    _put_part(superuser_client, body["bestandsdelen"][1], new[10:], lock_id)
    assert superuser_client.post(f"{path_of(data['url'])}/unlock", {"lock": lock_id}, format="json").status_code == 204
    assert _download(superuser_client, data["url"]) == new
    assert _download(superuser_client, data["url"], versie=1) == b"hallo wereld"
    assert EnkelvoudigInformatieObjectVersie.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_parallel_uploads_of_parts(make_api_client, iotype, settings):
    settings.NOTIFICATIONS_DISABLED = True  # no after-commit delivery threads racing the test-database flush
    settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE = 16
    payload = bytes(range(256)) * 2  # 512 bytes -> 32 parts of 16 bytes
    superuser = make_api_client(heeft_alle=True)
    credentials = superuser._credentials
    data = _start_upload(superuser, iotype["url"], size=len(payload))
    parts = data["bestandsdelen"]
    assert len(parts) == 32

    def upload(part: dict) -> int:
        client = APIClient()
        client.credentials(**credentials)
        offset = (part["volgnummer"] - 1) * 16
        try:
            return _put_part(client, part, payload[offset : offset + part["omvang"]], data["lock"]).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(upload, parts))
    assert statuses == [200] * 32
    assert superuser.post(f"{path_of(data['url'])}/unlock", {"lock": data["lock"]}, format="json").status_code == 204
    assert _download(superuser, data["url"]) == payload


@pytest.mark.django_db
def test_empty_document_has_no_content(superuser_client, iotype):
    response = superuser_client.post(EIO_LIST, eio_body(iotype["url"], inhoud=None, bestandsomvang=0), format="json")
    assert response.status_code == 201
    assert response.json()["bestandsdelen"] == []
    assert response.json()["locked"] is False
    download = superuser_client.get(f"{path_of(response.json()['url'])}/download")
    assert download.status_code == 204


@pytest.mark.django_db
def test_upload_part_authorised_through_document(superuser_client, make_api_client, iotype, make_iotype):
    from zgw.autorisaties.services import AutorisatieData

    data = _start_upload(superuser_client, iotype["url"])
    other = make_iotype()
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=["documenten.bijwerken"],
                informatieobjecttype=other["url"],
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    part = data["bestandsdelen"][0]
    assert _put_part(client, part, CONTENT[:10], data["lock"]).status_code == 403
    assert not BestandsDeel.objects.filter(voltooid=True).exists()


def test_concatenated_reader_streams_parts_in_order(tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from zgw.documenten import content

    settings.MEDIA_ROOT = str(tmp_path)
    names = [default_storage.save(f"p{i}", ContentFile(bytes([i]) * (3 + i))) for i in range(3)]
    reader = content.ConcatenatedReader(names, sum(3 + i for i in range(3)))
    assert reader.seek(0) == 0
    assert reader.read(2) == b"\x00\x00"
    with pytest.raises(OSError):
        reader.seek(0)
    rest = b""
    while chunk := reader.read(4):
        assert len(chunk) <= 4
        rest += chunk
    assert rest == b"\x00" + b"\x01" * 4 + b"\x02" * 5
    target = content.assemble(names, 12, "assembled")
    with default_storage.open(target) as fh:
        assert fh.read() == b"\x00" * 3 + b"\x01" * 4 + b"\x02" * 5
