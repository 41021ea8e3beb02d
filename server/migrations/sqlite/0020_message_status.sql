-- Which booking an outgoing message is about, for the messages whose status
-- staff see with the booking: the day-before `reminder` and a waitlist
-- `offer`. Written in the transaction that puts the message in the outbox;
-- the booking's latest such message is read through the index.
CREATE TABLE booking_messages (
    outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id),
    booking_id INTEGER NOT NULL REFERENCES bookings (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('reminder', 'offer'))
) STRICT;
CREATE INDEX booking_messages_booking ON booking_messages (booking_id, outbox_id);
