// Fetches a region of the page again from its own address (data-refresh-from) every few
// seconds while it says it is still changing (an element with data-refreshing inside it):
// the case file export's progress. The region is replaced only when its HTML changes, so a
// screen reader hears each change once. Without JavaScript, the region's "check again" link
// does the same by hand; after an error the page is left as it is, with that link.
(function () {
  var region = document.querySelector("[data-refresh-from]");
  var every = 2000;
  var shown = null;
  function refresh() {
    fetch(region.getAttribute("data-refresh-from"), { credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected) {
          // Signed out meanwhile: the whole page goes to the sign-in page.
          window.location.reload();
          return null;
        }
        if (!response.ok) {
          throw new Error("The export's progress did not load: " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        if (html !== shown) {
          shown = html;
          region.innerHTML = html;
        }
        wait();
      })
      .catch(function () {});
  }
  function wait() {
    if (region.querySelector("[data-refreshing]")) {
      window.setTimeout(refresh, every);
    }
  }
  if (region) {
    wait();
  }
})();
