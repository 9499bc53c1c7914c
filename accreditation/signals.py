"""What a change of a meeting's questions does to the readings kept in the cache: the next
form or page asks the database again (`selectors.questions_for`). Connected in
`AccreditationConfig.ready`."""

from asem_customs.page_versions import bump, bump_on_change

from .selectors import questions_scope


def question_changed(sender, instance, **kwargs):
    bump(questions_scope(instance.meeting_id))


def connect():
    bump_on_change(question_changed, "accreditation.Question")
