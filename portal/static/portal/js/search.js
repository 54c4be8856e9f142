// Fills the search box's suggestion list as the visitor types; the form works without it.
(function () {
  const input = document.getElementById("search-q");
  if (!input) return;
  const list = document.getElementById("search-suggestions");
  let timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (prefix.length < 2) return;
    timer = setTimeout(async function () {
      const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(prefix);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      list.replaceChildren(...data.suggestions.map(function (title) {
        const option = document.createElement("option");
        option.value = title;
        return option;
      }));
    }, 200);
  });
})();
