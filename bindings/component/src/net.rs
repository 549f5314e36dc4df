//! The `net` interface.

use healthauth::net;

use crate::generated::exports::healthauth::auth::net as wit_net;
use crate::{Component, WitError};

impl wit_net::Guest for Component {
    fn ip_allowed(ip: String, cidrs: Vec<String>) -> Result<bool, WitError> {
        Ok(net::ip_allowed(&ip, &cidrs)?)
    }
}
