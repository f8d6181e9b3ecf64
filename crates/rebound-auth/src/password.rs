//! Password hashing with Argon2id.
//!
//! [`hash_password`] and [`verify_password`] use the production cost. Tests
//! elsewhere (the server's, say) make a [`Passwords`] with a cheap
//! [`HashCost`] instead; verifying always uses the cost written in the hash,
//! so hashes made at any cost keep verifying, and [`Passwords::needs_rehash`]
//! says when one should be replaced at the next sign-in.

use crate::AuthError;
use crate::token::random_bytes;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

/// Counted in characters (Unicode scalar values), not bytes.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Counted in characters; bounds the work one sign-in attempt can cause.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// 16 bytes, argon2's recommendation.
const SALT_BYTES: usize = 16;

/// The work one hash takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashCost {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl HashCost {
    /// Production: 19 MiB, 2 iterations, 1 lane (OWASP Password Storage
    /// Cheat Sheet's first Argon2id configuration).
    pub const PRODUCTION: HashCost = HashCost {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    };

    /// For tests only: fast, and worthless against an attacker.
    pub const CHEAP_FOR_TESTS: HashCost = HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    fn params(self) -> Result<Params, AuthError> {
        Params::new(self.memory_kib, self.iterations, self.parallelism, None)
            .map_err(|e| AuthError::Hashing(format!("invalid cost {self:?}: {e}")))
    }
}

impl Default for HashCost {
    fn default() -> Self {
        HashCost::PRODUCTION
    }
}

/// The length rules, checked before any hashing.
pub fn check_password_rules(password: &str) -> Result<(), AuthError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(AuthError::PasswordTooShort {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AuthError::PasswordTooLong {
            max: MAX_PASSWORD_CHARS,
        });
    }
    Ok(())
}

/// Hashes and verifies at one cost.
#[derive(Debug)]
pub struct Passwords {
    cost: HashCost,
    params: Params,
    /// A hash of nothing in particular at this cost, made on first use, for
    /// [`Passwords::verify_nobody`].
    dummy: OnceLock<String>,
}

impl Default for Passwords {
    fn default() -> Self {
        Passwords::new(HashCost::PRODUCTION).expect("the production cost is valid")
    }
}

impl Passwords {
    pub fn new(cost: HashCost) -> Result<Passwords, AuthError> {
        Ok(Passwords {
            cost,
            params: cost.params()?,
            dummy: OnceLock::new(),
        })
    }

    pub fn cost(&self) -> HashCost {
        self.cost
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// A PHC string with a fresh random salt, after checking the length
    /// rules.
    pub fn hash(&self, password: &str) -> Result<String, AuthError> {
        check_password_rules(password)?;
        let salt: [u8; SALT_BYTES] = random_bytes()?;
        self.argon2()
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AuthError::Hashing(e.to_string()))
    }

    /// Whether `password` matches `phc`, with the cost written in `phc`.
    /// False for anything that is not an Argon2id PHC string. The final
    /// comparison is constant-time.
    pub fn verify(&self, password: &str, phc: &str) -> bool {
        // Nothing longer could have been hashed; refuse before the work.
        if password.chars().count() > MAX_PASSWORD_CHARS {
            return false;
        }
        let Ok(parsed) = PasswordHash::new(phc) else {
            return false;
        };
        if parsed.algorithm.as_str() != "argon2id" {
            return false;
        }
        self.argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    }

    /// Spends the time a verification takes and returns false: call it when
    /// no account has the given email, so response times do not reveal
    /// which emails have accounts.
    pub fn verify_nobody(&self, password: &str) -> bool {
        let dummy = self.dummy.get_or_init(|| {
            self.hash("not anyone's password at all")
                .unwrap_or_default()
        });
        let _ = self.verify(password, dummy);
        false
    }

    /// Whether `phc` was made with another algorithm or cost than this one's
    /// (or cannot be read): after a successful sign-in, hash the password
    /// again and store the new hash.
    pub fn needs_rehash(&self, phc: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(phc) else {
            return true;
        };
        if parsed.algorithm.as_str() != "argon2id"
            || parsed.version != Some(0x13)
            || parsed.hash.as_ref().map(|h| h.len()) != Some(Params::DEFAULT_OUTPUT_LEN)
        {
            return true;
        }
        match Params::try_from(&parsed) {
            Ok(p) => {
                p.m_cost() != self.cost.memory_kib
                    || p.t_cost() != self.cost.iterations
                    || p.p_cost() != self.cost.parallelism
            }
            Err(_) => true,
        }
    }
}

fn production() -> &'static Passwords {
    static PRODUCTION: OnceLock<Passwords> = OnceLock::new();
    PRODUCTION.get_or_init(Passwords::default)
}

/// A PHC string at the production cost (see [`HashCost::PRODUCTION`]).
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    production().hash(password)
}

/// Whether `password` matches `phc`; false on a malformed `phc`.
pub fn verify_password(password: &str, phc: &str) -> bool {
    production().verify(password, phc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> Passwords {
        Passwords::new(HashCost::CHEAP_FOR_TESTS).unwrap()
    }

    const PASSWORD: &str = "correct horse battery";

    #[test]
    fn production_hashes_carry_the_production_cost() {
        let phc = hash_password(PASSWORD).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password(PASSWORD, &phc));
        assert!(!verify_password("correct horse battery!", &phc));
        assert_eq!(HashCost::default(), HashCost::PRODUCTION);
        assert!(!production().needs_rehash(&phc));
    }

    #[test]
    fn the_right_password_verifies_and_others_do_not() {
        let p = cheap();
        let phc = p.hash(PASSWORD).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=64,t=1,p=1$"), "{phc}");
        assert!(p.verify(PASSWORD, &phc));
        assert!(!p.verify("Correct horse battery", &phc));
        assert!(!p.verify("", &phc));
        // Verification reads the cost from the hash, not from the verifier.
        assert!(verify_password(PASSWORD, &phc));
    }

    #[test]
    fn each_hash_has_its_own_salt() {
        let p = cheap();
        let a = p.hash(PASSWORD).unwrap();
        let b = p.hash(PASSWORD).unwrap();
        assert_ne!(a, b);
        assert!(p.verify(PASSWORD, &a) && p.verify(PASSWORD, &b));
    }

    #[test]
    fn malformed_or_foreign_hashes_never_verify() {
        let p = cheap();
        let phc = p.hash(PASSWORD).unwrap();
        let argon2i = phc.replacen("$argon2id$", "$argon2i$", 1);
        let truncated = &phc[..phc.len() - 5];
        for bad in [
            "",
            "not a hash",
            PASSWORD,
            "$argon2id$v=19$m=64,t=1,p=1$",
            truncated,
            argon2i.as_str(),
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        ] {
            assert!(!p.verify(PASSWORD, bad), "{bad}");
            assert!(p.needs_rehash(bad), "{bad}");
        }
    }

    #[test]
    fn length_rules_are_checked_in_characters() {
        let p = cheap();
        assert_eq!(
            p.hash("short").unwrap_err(),
            AuthError::PasswordTooShort { min: 10 }
        );
        assert_eq!(
            p.hash("short").unwrap_err().to_string(),
            "the password is too short: use at least 10 characters"
        );
        // Ten characters, though more than ten bytes.
        assert!(p.hash("ééééééééé!").is_ok());
        assert!(p.hash("ééééééééé").is_err());
        let max = "x".repeat(MAX_PASSWORD_CHARS);
        let phc = p.hash(&max).unwrap();
        assert!(p.verify(&max, &phc));
        let over = "x".repeat(MAX_PASSWORD_CHARS + 1);
        assert_eq!(
            p.hash(&over).unwrap_err().to_string(),
            "the password is too long: use at most 1024 characters"
        );
        assert!(!p.verify(&over, &phc));
    }

    #[test]
    fn a_cheaper_hash_needs_rehashing_at_the_production_cost() {
        let phc = cheap().hash(PASSWORD).unwrap();
        assert!(production().needs_rehash(&phc));
        assert!(!cheap().needs_rehash(&phc));
    }

    #[test]
    fn verifying_nobody_is_always_false() {
        let p = cheap();
        assert!(!p.verify_nobody(PASSWORD));
        assert!(!p.verify_nobody("not anyone's password at all"));
    }

    #[test]
    fn an_impossible_cost_is_refused() {
        let err = Passwords::new(HashCost {
            memory_kib: 1,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap_err();
        assert!(matches!(err, AuthError::Hashing(_)), "{err:?}");
    }
}
