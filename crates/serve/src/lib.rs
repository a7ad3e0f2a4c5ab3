//! Posture as a service (work in progress).
