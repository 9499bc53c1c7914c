"""Webhook deliveries on Celery: thin tasks taking ids, safe to run twice (a delivery is
claimed before it is sent)."""

from celery import shared_task

from . import services, webhooks


@shared_task(acks_late=True, reject_on_worker_lost=True)
def deliver_webhook(delivery_id):
    webhooks.deliver(delivery_id)


@shared_task(acks_late=True)
def deliver_due_webhooks():
    for delivery_id in services.webhook_deliveries_due():
        deliver_webhook.delay(delivery_id)
