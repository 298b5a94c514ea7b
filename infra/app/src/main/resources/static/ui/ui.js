// MeterLedger web UI: CSRF header for htmx requests, and the dashboard's charts fed from the live fragment.
(function () {
  'use strict';
  var charts = {};

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function drawChart(id, type, labels, values, label) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    var numbers = values.map(Number);
    var existing = charts[id];
    if (existing && existing.canvas === canvas) {
      existing.data.labels = labels;
      existing.data.datasets[0].data = numbers;
      existing.update('none');
      return;
    }
    if (existing) {
      existing.destroy();
    }
    charts[id] = new Chart(canvas, {
      type: type,
      data: {labels: labels, datasets: [{label: label, data: numbers, backgroundColor: '#3b82f6'}]},
      options: {animation: false, responsive: true, plugins: {legend: {display: false}}}
    });
  }

  function drawDashboard() {
    var live = document.querySelector('[data-chart]');
    if (!live) {
      return;
    }
    var data = JSON.parse(live.getAttribute('data-chart'));
    drawChart('chart-balances', 'bar', data.labels, data.balances, 'balance');
    drawChart('chart-charged', 'bar', data.labels, data.chargedToday, 'charged today');
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('htmx:configRequest', function (event) {
      event.detail.headers['X-CSRF-TOKEN'] = csrfToken();
    });
    document.body.addEventListener('htmx:afterSettle', drawDashboard);
    drawDashboard();
  });
})();
