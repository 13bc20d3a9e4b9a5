from django.urls import include, path

from zgw.urls import urlpatterns as zgw_urlpatterns

urlpatterns = [
    path("testapi/api/v1/", include("tests.testapp.urls")),
    *zgw_urlpatterns,
]

handler404 = "zgw.common.exceptions.handler404"
handler500 = "zgw.common.exceptions.handler500"
