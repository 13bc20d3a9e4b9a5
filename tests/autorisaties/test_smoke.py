def test_list_applicaties(superuser_client):
    response = superuser_client.get("/autorisaties/api/v1/applicaties")
    assert response.status_code == 200
    assert response["API-version"] == "1.0.0"
    assert response.json()["count"] == 1
