"""Erasure reaches circulars: the privacy tools delete a person's mails from the outbox
(`secretariat.privacy`, which may not import this app); before each goes, the circular
deliveries it was made for forget the person's address and name (the member stays, so the
circular still counts who of which member received it)."""

from django.db.models.signals import pre_delete

from mail.models import OutgoingEmail


def forget_recipient(sender, instance, **kwargs):
    from .models import CircularDelivery

    for delivery in CircularDelivery.objects.filter(outgoing_email=instance):
        delivery.email = f"erased-{delivery.pk}@anonymised.invalid"
        delivery.name = ""
        delivery.save(update_fields=["email", "name"])


def connect():
    pre_delete.connect(forget_recipient, sender=OutgoingEmail,
                       dispatch_uid="communications.forget_recipient")
