// MeterLedger web UI: CSRF header for htmx requests, the dashboard's charts fed from the live fragment, copy buttons.
(function () {
  'use strict';
  var charts = {};

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  var COLOURS = ['#2563eb', '#93c5fd', '#f59e0b', '#dc2626', '#9ca3af'];

  function drawChart(id, type, labels, datasets) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    var existing = charts[id];
    if (existing && existing.canvas === canvas) {
      existing.data.labels = labels;
      datasets.forEach(function (set, i) { existing.data.datasets[i].data = set.data; });
      existing.update('none');
      return;
    }
    if (existing) {
      existing.destroy();
    }
    charts[id] = new Chart(canvas, {
      type: type,
      data: {labels: labels, datasets: datasets},
      options: {animation: false, responsive: true, aspectRatio: 2,
        plugins: {legend: {display: type === 'doughnut' || datasets.length > 1}}}
    });
  }

  function series(label, values, colour) {
    return {label: label, data: values.map(Number), backgroundColor: colour};
  }

  function drawDashboard() {
    var live = document.querySelector('[data-chart]');
    if (!live) {
      return;
    }
    var data = JSON.parse(live.getAttribute('data-chart'));
    // the series' names come with the data, in the page's language
    drawChart('chart-consumption', 'bar', data.consumption.labels, [
      series(data.series.today, data.consumption.today, COLOURS[0]),
      series(data.series.month, data.consumption.month, COLOURS[1])]);
    drawChart('chart-money', 'bar', data.money.labels, [
      series(data.series.today, data.money.today, COLOURS[0]), series(data.series.month, data.money.month, COLOURS[1])]);
    drawChart('chart-states', 'doughnut', data.states.labels, [
      {data: data.states.values.map(Number), backgroundColor: ['#16a34a', '#f59e0b', '#dc2626', '#7f1d1d', '#9ca3af']}]);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('htmx:configRequest', function (event) {
      event.detail.headers['X-CSRF-TOKEN'] = csrfToken();
    });
    document.body.addEventListener('htmx:afterSettle', drawDashboard);
    // a refused htmx request shows the refusal's reason where its answer would have gone
    document.body.addEventListener('htmx:beforeSwap', function (event) {
      var status = event.detail.xhr.status;
      if (status >= 400 && status < 500) {
        var page = new DOMParser().parseFromString(event.detail.xhr.responseText, 'text/html');
        var problem = page.getElementById('problem');
        event.detail.shouldSwap = false;
        event.detail.target.textContent = problem ? problem.textContent : String(status);
      }
    });
    // a payment link is shown once: its copy button puts the URL on the clipboard
    document.body.addEventListener('click', function (event) {
      var button = event.target.closest('[data-copy]');
      var field = button && document.querySelector(button.getAttribute('data-copy'));
      if (field && navigator.clipboard) {
        navigator.clipboard.writeText(field.value);
      }
    });
    drawDashboard();
  });
})();

// landlord: a running import's page reloads itself until the job ends; "select all" ticks every meter of a batch
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var running = document.querySelector('[data-refresh]');
    if (running) {
      window.setTimeout(function () { window.location.reload(); }, Number(running.getAttribute('data-refresh')));
    }
    var all = document.getElementById('select-all');
    if (all) {
      all.addEventListener('change', function () {
        document.querySelectorAll('input[name="meterId"]').forEach(function (box) { box.checked = all.checked; });
      });
    }
  });
})();
