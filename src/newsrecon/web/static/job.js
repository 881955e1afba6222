// The job page's live progress: polls this job's JSON and reloads the page once it has ended.
// Without JavaScript the page refreshes itself (<noscript> meta refresh) instead.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = "/api/jobs/" + encodeURIComponent(box.getAttribute("data-job"));
  function show(job) {
    document.getElementById("job-state").textContent = job.state;
    document.getElementById("job-stage").textContent = job.stage ? " · " + job.stage : "";
    document.getElementById("job-count").textContent = job.total ? " · " + job.done + "/" + job.total : "";
    var bar = document.getElementById("job-progress");
    bar.max = job.total || 1;
    bar.value = job.total ? job.done : 0;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        show(job);
        if (job.state === "done" || job.state === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
}());
