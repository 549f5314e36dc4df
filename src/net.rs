//! IPv4/IPv6 CIDR allowlists.
