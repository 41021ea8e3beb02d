//! Booking: session types, free times, a young person's bookings and
//! waitlist, and staff's day, opening hours, time off and group sessions.

use std::fmt::Display;

use lotsen_api::account::Profession;
use lotsen_api::booking::{
    Attendance, BookableStaff, Booking, FreeTimes, GroupSession, JoinWaitlist, MoveBooking,
    MyBookings, NewBooking, NewGroupSession, NewTimeOff, SessionType, SessionTypeInput,
    StaffBookings, StaffCancel, StaffNewBooking, TimeOff, WaitlistEntry, WeeklyHours,
};

use super::{Api, ApiError};

/// The address of a session type's free times, with one staff member's or anyone's.
pub fn free_times_path(session_type: i64, staff: Option<i64>) -> String {
    match staff {
        Some(s) => format!("/booking/session-types/{session_type}/free-times?staff_id={s}"),
        None => format!("/booking/session-types/{session_type}/free-times"),
    }
}

impl Api {
    /// `GET /booking/session-types`.
    pub async fn session_types(self) -> Result<Vec<SessionType>, ApiError> {
        self.get("/booking/session-types").await
    }

    /// `POST /booking/session-types`, or `PUT …/{id}` for an existing one.
    pub async fn save_session_type(
        self,
        id: Option<i64>,
        input: SessionTypeInput,
    ) -> Result<SessionType, ApiError> {
        match id {
            Some(id) => {
                self.put(&format!("/booking/session-types/{id}"), &input)
                    .await
            }
            None => self.post("/booking/session-types", &input).await,
        }
    }

    /// `GET /booking/staff?profession=…`: who may be booked.
    pub async fn bookable_staff(
        self,
        profession: Profession,
    ) -> Result<Vec<BookableStaff>, ApiError> {
        self.read(format!("/booking/staff?profession={}", profession.as_str()))
            .await
    }

    /// `GET /booking/session-types/{id}/free-times`.
    pub async fn free_times(
        self,
        session_type: i64,
        staff: Option<i64>,
    ) -> Result<FreeTimes, ApiError> {
        self.read(free_times_path(session_type, staff)).await
    }

    /// `GET /me/bookings`: the young person's bookings and waitlist places.
    pub async fn my_bookings(self) -> Result<MyBookings, ApiError> {
        self.get("/me/bookings").await
    }

    /// `POST /me/bookings`.
    pub async fn book(self, request: NewBooking) -> Result<Booking, ApiError> {
        self.post("/me/bookings", &request).await
    }

    /// `POST /me/bookings/{id}/{action}` (`cancel`, `accept`, `decline`).
    pub async fn my_booking_action(
        self,
        id: i64,
        action: &'static str,
    ) -> Result<Booking, ApiError> {
        self.post_empty(&format!("/me/bookings/{id}/{action}"))
            .await
    }

    /// `POST /me/bookings/{id}/move`.
    pub async fn move_booking(self, id: i64, request: MoveBooking) -> Result<Booking, ApiError> {
        self.post(&format!("/me/bookings/{id}/move"), &request)
            .await
    }

    /// `POST /me/waitlist`.
    pub async fn join_waitlist(self, request: JoinWaitlist) -> Result<WaitlistEntry, ApiError> {
        self.post("/me/waitlist", &request).await
    }

    /// `DELETE /me/waitlist/{id}`.
    pub async fn leave_waitlist(self, id: i64) -> Result<(), ApiError> {
        self.delete(&format!("/me/waitlist/{id}")).await
    }

    /// `GET /staff/me/bookings`: the staff member's bookings for `days` days from `date`.
    pub async fn staff_bookings(
        self,
        date: impl Display,
        days: u32,
    ) -> Result<StaffBookings, ApiError> {
        self.read(format!("/staff/me/bookings?date={date}&days={days}"))
            .await
    }

    /// `POST /staff/bookings`: staff book for a young person.
    pub async fn book_for(self, request: StaffNewBooking) -> Result<Booking, ApiError> {
        self.post("/staff/bookings", &request).await
    }

    /// `POST /staff/bookings/{id}/attendance`.
    pub async fn mark_attendance(self, id: i64, attended: bool) -> Result<Booking, ApiError> {
        self.post(
            &format!("/staff/bookings/{id}/attendance"),
            &Attendance { attended },
        )
        .await
    }

    /// `POST /staff/bookings/{id}/cancel`.
    pub async fn staff_cancel(self, id: i64, request: StaffCancel) -> Result<Booking, ApiError> {
        self.post(&format!("/staff/bookings/{id}/cancel"), &request)
            .await
    }

    /// `GET /staff/me/opening-hours`.
    pub async fn opening_hours(self) -> Result<WeeklyHours, ApiError> {
        self.get("/staff/me/opening-hours").await
    }

    /// `PUT /staff/me/opening-hours`.
    pub async fn save_opening_hours(self, hours: WeeklyHours) -> Result<WeeklyHours, ApiError> {
        self.put("/staff/me/opening-hours", &hours).await
    }

    /// `GET /staff/me/exceptions`: the staff member's time off.
    pub async fn time_off(self) -> Result<Vec<TimeOff>, ApiError> {
        self.get("/staff/me/exceptions").await
    }

    /// `POST /staff/me/exceptions`.
    pub async fn add_time_off(self, request: NewTimeOff) -> Result<TimeOff, ApiError> {
        self.post("/staff/me/exceptions", &request).await
    }

    /// `DELETE /staff/me/exceptions/{id}`.
    pub async fn remove_time_off(self, id: i64) -> Result<(), ApiError> {
        self.delete(&format!("/staff/me/exceptions/{id}")).await
    }

    /// `POST /booking/group-sessions`.
    pub async fn new_group_session(
        self,
        request: NewGroupSession,
    ) -> Result<GroupSession, ApiError> {
        self.post("/booking/group-sessions", &request).await
    }
}
