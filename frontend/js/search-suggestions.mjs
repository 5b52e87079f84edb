// Suggestions under the search box, with GOV.UK's accessible autocomplete.
// Without JavaScript (or if the suggestions cannot be fetched) the plain form still works.
//
// The endpoint answers {"suggestions": [...]}, each either a string or
// {"value": "Accommodation", "group": "category"}. A suggestion with a group says which kind
// of thing it is (a kind of support, an organisation, a service), in words the page gives
// (the input's data-autocomplete-group-* attributes): shown under it, and read with it.

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function asSuggestion(item, groupLabels) {
  if (typeof item === "string") return { value: item, groupLabel: "" };
  const value = item && typeof item.value === "string" ? item.value : "";
  const group = item && typeof item.group === "string" ? item.group : "";
  return { value, groupLabel: groupLabels[group] || group };
}

function fetchSuggestions(url, groupLabels) {
  let controller;
  return (query, populate) => {
    controller?.abort();
    controller = new AbortController();
    fetch(`${url}?q=${encodeURIComponent(query)}`, {
      headers: { Accept: "application/json" },
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : { suggestions: [] }))
      .then((data) =>
        populate(
          (data.suggestions || [])
            .map((item) => asSuggestion(item, groupLabels))
            .filter((suggestion) => suggestion.value),
        ),
      )
      .catch(() => populate([]));
  };
}

function groupLabelsOf(input) {
  const labels = {};
  for (const [key, label] of Object.entries(input.dataset)) {
    const match = /^autocompleteGroup(.+)$/.exec(key);
    if (match) labels[match[1].toLowerCase()] = label;
  }
  return labels;
}

const templates = {
  inputValue: (suggestion) => (suggestion ? suggestion.value : ""),
  suggestion: (suggestion) => {
    if (!suggestion) return "";
    const value = escapeHtml(suggestion.value);
    if (!suggestion.groupLabel) return value;
    // The comma is for screen readers: "Accommodation, kind of support".
    return (
      `${value}<span class="cg-suggestion__group">` +
      `<span class="govuk-visually-hidden">, </span>${escapeHtml(suggestion.groupLabel)}</span>`
    );
  },
};

// The autocomplete sets aria-describedby to its own hint, and removes it once someone types:
// the field's GOV.UK hint ("For example, …") is put back each time.
function keepDescribedBy(input, hintIds) {
  const keep = () => {
    const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const missing = hintIds.split(/\s+/).filter((id) => id && !ids.includes(id));
    if (missing.length) input.setAttribute("aria-describedby", [...missing, ...ids].join(" "));
  };
  keep();
  new MutationObserver(keep).observe(input, {
    attributes: true,
    attributeFilter: ["aria-describedby"],
  });
}

function enhance(input, accessibleAutocomplete) {
  const url = input.dataset.autocompleteUrl;
  const groupLabels = groupLabelsOf(input);
  const form = input.form;
  const wrapper = document.createElement("div");
  wrapper.className = "cg-search__autocomplete";
  input.parentNode.insertBefore(wrapper, input);
  const { id, name, value } = input;
  const describedBy = input.getAttribute("aria-describedby");
  const maxLength = input.getAttribute("maxlength");
  input.remove();
  accessibleAutocomplete({
    element: wrapper,
    id,
    name,
    defaultValue: value,
    minLength: 2,
    showNoOptionsFound: false,
    confirmOnBlur: false,
    displayMenu: "overlay",
    inputClasses: "govuk-input",
    menuClasses: "cg-search__suggestions",
    templates,
    source: fetchSuggestions(url, groupLabels),
    onConfirm: (chosen) => {
      if (!chosen) return;
      const field = form.querySelector(`#${CSS.escape(id)}`);
      field.value = templates.inputValue(chosen);
      form.submit();
    },
  });
  const enhanced = wrapper.querySelector("input");
  if (!enhanced) return;
  if (describedBy) keepDescribedBy(enhanced, describedBy);
  if (maxLength) enhanced.setAttribute("maxlength", maxLength);
  enhanced.setAttribute("spellcheck", "true");
}

export function enhanceSearchBoxes() {
  const accessibleAutocomplete = window.accessibleAutocomplete;
  if (!accessibleAutocomplete) return;
  for (const input of document.querySelectorAll("input[data-autocomplete-url]")) {
    if (input.dataset.autocompleteUrl) enhance(input, accessibleAutocomplete);
  }
}
