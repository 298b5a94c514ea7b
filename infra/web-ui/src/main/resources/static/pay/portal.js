// MeterLedger occupant portal: the balance, supply and days left follow the account live (server-sent events).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var live = document.querySelector('[data-events]');
    if (!live || typeof EventSource === 'undefined') {
      return;
    }
    var source = new EventSource(live.getAttribute('data-events'));
    source.addEventListener('account', function (event) {
      var figures = JSON.parse(event.data);
      var balance = document.getElementById('balance');
      balance.textContent = figures.balance;
      balance.classList.toggle('low', figures.low);
      document.getElementById('supply').textContent = figures.supply;
      document.getElementById('days-left').textContent = figures.daysLeft;
      live.setAttribute('data-updated', String(Date.now()));
    });
  });
})();
