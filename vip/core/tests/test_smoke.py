def test_it_serves_the_finnish_home_page(client, reference_data):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    assert "VIP" in response.content.decode()


def test_named_people_exist(national_admin, coordinator, municipal_admin, teacher, outsider):
    assert teacher.role_grants.get().organisation.parent.name_fi == "Tampere, sivistystoimi"
