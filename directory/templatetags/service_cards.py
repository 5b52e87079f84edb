"""One service in the directory's list of results, made for acting on it: whether it is
taking referrals, who runs it and where, how to refer, and a number to call or an address
to write to.

Made in Python, not by a template included once per result: twenty cards through the
template engine were 10–13 ms of every results page, most of the page's rendering. Each
card reads only what the directory index's `load_results` fetched (the relations are
selected or read as rows, and a column the list left out is shown as empty rather than
fetched), so a card makes no query.
"""

from django import template
from django.template.defaultfilters import truncatewords, truncatewords_html
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from core.text import plain_text
from directory.models import ReferralMethod
from directory.templatetags.directory_page import capacity_tag, escaped, markup
from directory.templatetags.shortlist_buttons import shortlist_button
from search.templatetags.result_cards import own_category_names, tel_href

register = template.Library()

_CARD = (
    '<h3 class="govuk-heading-s cg-result__title"><a class="govuk-link" href="{url}">{title}'
    "</a></h3>\n"
    '<p class="govuk-body-s cg-result__organisation">{run_by}</p>\n'
    '<p class="govuk-body-s cg-result__status">{capacity}{out_of_date}</p>\n'
    '<p class="govuk-body-s cg-result__summary">{summary}</p>\n'
    '<dl class="cg-result__facts">\n'
    '<div class="cg-result__fact">\n<dt>{where_label}</dt>\n<dd>{where}</dd>\n</div>\n'
    '<div class="cg-result__fact">\n<dt>{support_label}</dt>\n<dd>{support}</dd>\n</div>\n'
    "{referral}{contact}"
    "</dl>\n"
    "{shortlist}"
)
_FACT = '<div class="cg-result__fact">\n<dt>{label}</dt>\n<dd>{value}</dd>\n</div>\n'
_REFERRAL_METHODS = {
    ReferralMethod.PROFESSIONAL: gettext_lazy("Professional referral only, no self-referral."),
    ReferralMethod.SELF: gettext_lazy("Self-referral only."),
}


def _texts(context):
    """The cards' words in the visitor's language, translated once per page, not once per
    card (each `gettext` walks the catalogues' fallbacks). Written as `{% translate %}`
    writes them: translators' text is not escaped."""
    texts = context.render_context.get(_texts)
    if texts is None:
        words = {
            "run_by": gettext("Run by %(name)s"),
            "out_of_date": gettext("May be out of date"),
            "where": gettext("Where"),
            "national": gettext("Across England and Wales"),
            "support": gettext("Support"),
            "how_to_refer": gettext("How to refer"),
            "either": gettext("Self-referral or professional referral."),
            "contact": gettext("Contact"),
        }
        texts = {key: mark_safe(text) for key, text in words.items()}  # noqa: S308 - ours
        texts["methods"] = {
            method: mark_safe(str(text))  # noqa: S308 - our own translated text
            for method, text in _REFERRAL_METHODS.items()
        }
        context.render_context[_texts] = texts
    return texts


@register.simple_tag(takes_context=True)
def service_card(context, service):
    """A result card for `service`; `search` (for its highlights) and `shortlist_enabled`
    come from the page's context."""
    texts = _texts(context)
    deferred = service.get_deferred_fields()

    def fetched(name):
        return "" if name in deferred else getattr(service, name)

    organisation = service.organisation
    out_of_date = ""
    if organisation.operational_status.may_be_out_of_date:
        out_of_date = format_html(
            ' <strong class="govuk-tag govuk-tag--grey">{}</strong>', texts["out_of_date"]
        )
    return markup(
        _CARD,
        url=service.get_url(request=context.get("request")),
        title=service.title,
        run_by=mark_safe(  # noqa: S308 - the name is escaped, as {% blocktranslate %} does
            texts["run_by"] % {"name": escaped(organisation.title)}
        ),
        capacity=capacity_tag(service.operational_status),
        out_of_date=out_of_date,
        summary=_summary(context.get("search"), service),
        where_label=texts["where"],
        where=_where(service, texts),
        support_label=texts["support"],
        support="; ".join(own_category_names(service.result_categories)),
        referral=_referral(fetched("referral_method"), fetched("referral_details"), texts),
        contact=_contact(fetched("phone"), fetched("email"), texts),
        shortlist=shortlist_button(context, service) if context.get("shortlist_enabled") else "",
    )


def _summary(results, service):
    """The search's highlighted snippet for the service, else the start of its description."""
    snippet = results.highlights.get(service.pk, "") if results else ""
    if snippet:
        return escaped(truncatewords_html(snippet, 18))
    return truncatewords(plain_text(service.description), 15)


def _where(service, texts):
    """Its locations' areas, then "Across England and Wales" or its regions."""
    areas = ", ".join(escaped(area) for area in service.result_areas)
    if areas:
        areas += "; "
    if service.is_national:
        covered = texts["national"]
    else:
        covered = ", ".join(escaped(region) for region in service.result_regions)
    return mark_safe(areas + covered)  # noqa: S308 - every part is escaped above


def _referral(method, details, texts):
    if not (method or details):
        return ""
    how = texts["methods"].get(method) or (texts["either"] if method else "")
    value = markup("{how} {details}", how=how, details=truncatewords(details, 12))
    return markup(_FACT, label=texts["how_to_refer"], value=value)


def _contact(phone, email, texts):
    if not (phone or email):
        return ""
    value = ""
    if phone:
        dial = tel_href(phone)
        if dial:
            value = markup(
                '<a class="govuk-link" href="{dial}">{phone}</a>', dial=dial, phone=phone
            )
        else:
            value = escaped(phone)
    if phone and email:
        value += ' <span aria-hidden="true">·</span> '
    if email:
        value += markup('<a class="govuk-link cg-result__email" href="mailto:{e}">{e}</a>', e=email)
    return markup(_FACT, label=texts["contact"], value=mark_safe(value))  # noqa: S308 - escaped
