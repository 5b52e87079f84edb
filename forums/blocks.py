"""What an event's agenda is made of."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(
        label=_("time"), required=False, max_length=20, help_text=_("For example 10:30")
    )
    title = blocks.CharBlock(label=_("item"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "list-ul"
        template = "forums/blocks/agenda_item.html"
        label = _("Agenda item")
        description = _("One item of the agenda: a time, a heading and what it covers.")
        preview_value = {
            "time": "10:30",
            "title": "Commissioning plans for next year",
            "description": "The regional team shares its plans; questions from the floor.",
        }


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()
