from django.urls import path

from . import focal_views, photo_views, views

app_name = "delegates"

urlpatterns = [
    path("meetings/<slug:slug>/register/", views.register, name="register"),
    path("meetings/<slug:slug>/register/sent/", views.register_sent, name="register_sent"),
    path("privacy/", views.privacy_notice, name="privacy"),
    # Before "registrations/<token>/", which would take "lost-link".
    path("registrations/lost-link/", views.lost_link, name="lost_link"),
    path("registrations/lost-link/sent/", views.lost_link_sent, name="lost_link_sent"),
    path("registrations/<str:token>/", views.registration_manage, name="registration_manage"),
    path("registrations/<str:token>/change/", views.registration_change,
         name="registration_change"),
    path("registrations/<str:token>/cancel/", views.registration_cancel,
         name="registration_cancel"),
    path("registrations/<str:token>/confirm/", views.registration_confirm_address,
         name="registration_confirm_address"),
    path("registrations/<str:token>/photo/", photo_views.registration_photo,
         name="registration_photo"),
    path("registrations/<str:token>/photo.jpg", photo_views.registration_photo_image,
         name="registration_photo_image"),
    path("registrations/<str:token>/certificate.pdf", photo_views.registration_certificate,
         name="registration_certificate"),
    path("focal/", focal_views.focal_home, name="focal_home"),
    path("focal/meetings/<slug:slug>/", focal_views.focal_delegation, name="focal_delegation"),
    path("focal/meetings/<slug:slug>/register/", focal_views.focal_register,
         name="focal_register"),
    path("focal/registrations/<int:pk>/change/", focal_views.focal_registration_edit,
         name="focal_registration_edit"),
    path("focal/registrations/<int:pk>/cancel/", focal_views.focal_registration_cancel,
         name="focal_registration_cancel"),
    path("focal/registrations/<int:pk>/head/", focal_views.focal_registration_make_head,
         name="focal_registration_make_head"),
    path("focal/registrations/<int:pk>/photo/", photo_views.focal_registration_photo,
         name="focal_registration_photo"),
    path("focal/registrations/<int:pk>/photo.jpg", photo_views.focal_registration_photo_image,
         name="focal_registration_photo_image"),
]
