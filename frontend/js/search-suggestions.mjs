// Suggestions under the search box, with GOV.UK's accessible autocomplete.
// Without JavaScript (or if the suggestions cannot be fetched) the plain form still works.

function fetchSuggestions(url) {
  let controller;
  return (query, populate) => {
    controller?.abort();
    controller = new AbortController();
    fetch(`${url}?q=${encodeURIComponent(query)}`, {
      headers: { Accept: "application/json" },
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : { suggestions: [] }))
      .then((data) => populate(data.suggestions || []))
      .catch(() => populate([]));
  };
}

export function enhanceSearchBoxes() {
  const accessibleAutocomplete = window.accessibleAutocomplete;
  if (!accessibleAutocomplete) return;
  for (const input of document.querySelectorAll("input[data-autocomplete-url]")) {
    const url = input.dataset.autocompleteUrl;
    if (!url) continue;
    const form = input.form;
    const wrapper = document.createElement("div");
    wrapper.className = "cg-search__autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    const { id, name, value } = input;
    const describedBy = input.getAttribute("aria-describedby");
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
      source: fetchSuggestions(url),
      onConfirm: (chosen) => {
        if (!chosen) return;
        const field = form.querySelector(`#${CSS.escape(id)}`);
        field.value = chosen;
        form.submit();
      },
    });
    const enhanced = wrapper.querySelector("input");
    if (enhanced && describedBy) {
      const existing = enhanced.getAttribute("aria-describedby") || "";
      enhanced.setAttribute("aria-describedby", `${describedBy} ${existing}`.trim());
    }
  }
}
