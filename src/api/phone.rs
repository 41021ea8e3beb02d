//! The signed-in person's phone number: a code to a new number, and the code.

use lotsen_api::phone::{ChangePhone, ConfirmPhone, PhoneSetting};

use super::{Api, ApiError};

impl Api {
    /// `GET /me/phone`: the number in use and a new one waiting for its code.
    pub async fn my_phone(self) -> Result<PhoneSetting, ApiError> {
        self.get("/me/phone").await
    }

    /// `POST /me/phone`: sends a code by SMS to a new number.
    pub async fn change_phone(self, phone: String) -> Result<PhoneSetting, ApiError> {
        self.post("/me/phone", &ChangePhone { phone }).await
    }

    /// `POST /me/phone/confirm`: the code from the SMS; the new number is used from now on.
    pub async fn confirm_phone(self, code: String) -> Result<PhoneSetting, ApiError> {
        self.post("/me/phone/confirm", &ConfirmPhone { code }).await
    }
}
