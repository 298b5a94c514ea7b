-- occupant2: how the occupant paid (card, wechat_pay, alipay as Stripe reports it), set once the payment succeeded,
-- for the receipt and the reconciliation lines. Null before the payment succeeded, and for payments credited before
-- this column existed: every one of those was by card, which is how they are read.
alter table payment_checkout add column payment_method text
    check (payment_method in ('CARD', 'WECHAT_PAY', 'ALIPAY'));
