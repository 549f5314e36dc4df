//! JOSE: signing and verifying keys, compact JWS, JWT claims, client assertions (RFC 7515/7517/7518/7519/7523/7638/8037).
