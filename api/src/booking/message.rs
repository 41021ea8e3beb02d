//! The status of a booking's reminder or waitlist offer, as the booked staff
//! member sees it with the booking: which message, by which channel, where it
//! is and since when — never its text or the address it went to.

use serde::{Deserialize, Serialize};

use crate::account::MessageChannel;
use crate::register::contacts::SmsState;

/// Which message about a booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingMessageKind {
    /// The reminder the day before.
    Reminder,
    /// The offer of a freed time from the waitlist.
    Offer,
}

/// A booking's latest reminder or offer (`GET /api/staff/me/bookings`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingMessage {
    pub kind: BookingMessageKind,
    pub channel: MessageChannel,
    /// Waiting in the outbox, sent (handed to the mail server or the SMS
    /// gateway), delivered (the gateway's delivery report) or failed.
    pub state: SmsState,
    /// When it was delivered, else sent, else queued (RFC 3339, Swedish offset).
    pub at: String,
}
