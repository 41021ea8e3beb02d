//! A software passkey: what a phone's authenticator does, by hand (ES256 on
//! P-256, attestation `none`, user verified), so that the tests can register
//! passkeys and answer challenges without a browser.

use lotsen_api::passkey::{PasskeyAssertion, PasskeyAttestation, PasskeyCreation, b64url};
use openssl::bn::BigNumContext;
use openssl::ec::{EcGroup, EcKey};
use openssl::ecdsa::EcdsaSig;
use openssl::nid::Nid;
use openssl::pkey::Private;
use openssl::sha::sha256;
use serde_json::json;

/// The origin of the test app's public URL.
pub const ORIGIN: &str = "http://lotsen.test";

/// A passkey on a pretend device.
pub struct SoftPasskey {
    key: EcKey<Private>,
    /// The credential's id.
    pub id: Vec<u8>,
    /// The user handle given at registration (returned when signing in).
    pub user_handle: Vec<u8>,
    rp_id: String,
    counter: u32,
}

/// A CBOR header of `major` type with `len`.
fn cbor_head(major: u8, len: usize, out: &mut Vec<u8>) {
    let major = major << 5;
    match len {
        0..=23 => out.push(major | len as u8),
        24..=255 => out.extend([major | 24, len as u8]),
        _ => {
            out.push(major | 25);
            out.extend((len as u16).to_be_bytes());
        }
    }
}

fn cbor_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    cbor_head(2, bytes.len(), out);
    out.extend(bytes);
}

fn cbor_text(text: &str, out: &mut Vec<u8>) {
    cbor_head(3, text.len(), out);
    out.extend(text.as_bytes());
}

impl SoftPasskey {
    /// A new key; registered with [`SoftPasskey::create`].
    pub fn new() -> Self {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        let mut id = [0u8; 16];
        openssl::rand::rand_bytes(&mut id).unwrap();
        Self {
            key: EcKey::generate(&group).unwrap(),
            id: id.to_vec(),
            user_handle: Vec::new(),
            rp_id: String::new(),
            counter: 0,
        }
    }

    fn client_data(kind: &str, challenge: &str) -> Vec<u8> {
        json!({ "type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": false })
            .to_string()
            .into_bytes()
    }

    /// Sets the signature counter (the next answer carries one more), as a
    /// copy of the authenticator that is behind would.
    pub fn set_counter(&mut self, counter: u32) {
        self.counter = counter;
    }

    /// rpIdHash, flags (user present and verified, `extra`) and the counter.
    fn authenticator_data(&mut self, extra_flags: u8) -> Vec<u8> {
        self.counter += 1;
        let mut data = sha256(self.rp_id.as_bytes()).to_vec();
        data.push(0x01 | 0x04 | extra_flags);
        data.extend(self.counter.to_be_bytes());
        data
    }

    /// The public key as COSE (EC2, ES256, P-256).
    fn cose_key(&self) -> Vec<u8> {
        let group = self.key.group();
        let mut ctx = BigNumContext::new().unwrap();
        let (mut x, mut y) = (
            openssl::bn::BigNum::new().unwrap(),
            openssl::bn::BigNum::new().unwrap(),
        );
        self.key
            .public_key()
            .affine_coordinates(group, &mut x, &mut y, &mut ctx)
            .unwrap();
        let mut out = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21];
        cbor_bytes(&x.to_vec_padded(32).unwrap(), &mut out);
        out.push(0x22);
        cbor_bytes(&y.to_vec_padded(32).unwrap(), &mut out);
        out
    }

    /// Answers `navigator.credentials.create`.
    pub fn create(&mut self, options: &PasskeyCreation) -> PasskeyAttestation {
        self.rp_id = options.rp_id.clone();
        self.user_handle = b64url::decode(&options.user_id).unwrap();
        let mut auth_data = self.authenticator_data(0x40);
        auth_data.extend([0u8; 16]);
        auth_data.extend((self.id.len() as u16).to_be_bytes());
        auth_data.extend(&self.id);
        auth_data.extend(self.cose_key());
        let mut object = vec![0xa3];
        cbor_text("fmt", &mut object);
        cbor_text("none", &mut object);
        cbor_text("attStmt", &mut object);
        object.push(0xa0);
        cbor_text("authData", &mut object);
        cbor_bytes(&auth_data, &mut object);
        PasskeyAttestation {
            id: b64url::encode(&self.id),
            client_data_json: b64url::encode(&Self::client_data(
                "webauthn.create",
                &options.challenge,
            )),
            attestation_object: b64url::encode(&object),
        }
    }

    /// Answers `navigator.credentials.get` for `challenge` (base64url).
    pub fn get(&mut self, challenge: &str) -> PasskeyAssertion {
        let auth_data = self.authenticator_data(0);
        let client_data = Self::client_data("webauthn.get", challenge);
        let mut signed = auth_data.clone();
        signed.extend(sha256(&client_data));
        let signature = EcdsaSig::sign(&sha256(&signed), &self.key)
            .unwrap()
            .to_der()
            .unwrap();
        PasskeyAssertion {
            id: b64url::encode(&self.id),
            client_data_json: b64url::encode(&client_data),
            authenticator_data: b64url::encode(&auth_data),
            signature: b64url::encode(&signature),
            user_handle: Some(b64url::encode(&self.user_handle)),
        }
    }
}
