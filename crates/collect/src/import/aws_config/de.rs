//! Deserialization helpers for AWS Config items: borrowed strings, lenient scalars, the two tag
//! spellings, the supplementary-configuration map, and the item envelope itself.
//!
//! Everything here borrows from the input text where it can, and tolerates the spelling
//! differences between the snapshot, API and advanced-query shapes of the same item.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// A string borrowed from the input when it has no escapes, owned otherwise. Numbers and
/// booleans are accepted and rendered as text (hand-made files write account ids as numbers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct S<'a>(pub Cow<'a, str>);

impl S<'_> {
    pub(super) fn as_str(&self) -> &str {
        &self.0
    }
}

struct SVisitor;

impl<'de> Visitor<'de> for SVisitor {
    type Value = S<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(S(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(S(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(S(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(S(Cow::Owned(v.to_string())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(S(Cow::Owned(v.to_string())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(S(Cow::Owned(v.to_string())))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(S(Cow::Owned(v.to_string())))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for S<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SVisitor)
    }
}

/// A lenient optional boolean: `true`, `"true"`, `"TRUE"`, `1`; `null` is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LBool(pub Option<bool>);

impl<'de> Deserialize<'de> for LBool {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LBool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<LBool, E> {
                Ok(LBool(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LBool, E> {
                Ok(LBool(Some(v != 0)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LBool, E> {
                Ok(LBool(Some(v != 0)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LBool, E> {
                let t = v.trim();
                if t.eq_ignore_ascii_case("true") || t == "1" {
                    Ok(LBool(Some(true)))
                } else if t.eq_ignore_ascii_case("false") || t == "0" {
                    Ok(LBool(Some(false)))
                } else if t.is_empty() {
                    Ok(LBool(None))
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<LBool, E> {
                Ok(LBool(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<LBool, E> {
                Ok(LBool(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A lenient optional integer: a JSON number (integral) or a numeric string; `null` is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LInt(pub Option<i64>);

impl LInt {
    pub(super) fn i32(self) -> Option<i32> {
        self.0.and_then(|v| i32::try_from(v).ok())
    }
}

impl<'de> Deserialize<'de> for LInt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LInt;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LInt, E> {
                Ok(LInt(i64::try_from(v).ok()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LInt, E> {
                Ok(LInt(Some(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<LInt, E> {
                // Config sometimes writes integers as floats (`30.0`).
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    #[allow(clippy::cast_possible_truncation)]
                    Ok(LInt(Some(v as i64)))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LInt, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(LInt(None));
                }
                t.parse::<i64>()
                    .map(|n| LInt(Some(n)))
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<LInt, E> {
                Ok(LInt(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<LInt, E> {
                Ok(LInt(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A lenient optional owned string: strings, numbers and booleans as text; `null` is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct LStr(pub Option<String>);

impl<'de> Deserialize<'de> for LStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LStr;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LStr, E> {
                Ok(LStr(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<LStr, E> {
                Ok(LStr(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LStr, E> {
                Ok(LStr(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LStr, E> {
                Ok(LStr(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<LStr, E> {
                Ok(LStr(Some(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<LStr, E> {
                Ok(LStr(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<LStr, E> {
                Ok(LStr(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<LStr, E> {
                Ok(LStr(None))
            }
            /// Some Config types carry enums as objects (`"state": {"value": "in-use"}` or
            /// `{"code": 16, "name": "running"}`): take the `value` or `name` member.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<LStr, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if matches!(key.as_ref(), "value" | "name" | "Value" | "Name")
                        && found.is_none()
                    {
                        found = map.next_value::<LStr>()?.0;
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(LStr(found))
            }
        }
        d.deserialize_any(V)
    }
}

/// Tags in either spelling: a map `{"k": "v"}` or a list `[{"key": "k", "value": "v"}]`
/// (advanced query output; `Key`/`Value` accepted too). `null` is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Tags(pub BTreeMap<String, String>);

#[derive(Deserialize)]
struct TagEntry {
    #[serde(default, alias = "Key")]
    key: LStr,
    #[serde(default, alias = "Value")]
    value: LStr,
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tags;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a tag map or a list of {key, value} objects")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Tags, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(k) = m.next_key::<S<'de>>()? {
                    let v: LStr = m.next_value()?;
                    out.insert(k.0.into_owned(), v.0.unwrap_or_default());
                }
                Ok(Tags(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Tags, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(e) = s.next_element::<Option<TagEntry>>()? {
                    if let Some(TagEntry {
                        key: LStr(Some(k)),
                        value,
                    }) = e
                    {
                        out.insert(k, value.0.unwrap_or_default());
                    }
                }
                Ok(Tags(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Tags, E> {
                Ok(Tags::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// `supplementaryConfiguration`: key → raw value (an object, or a JSON-encoded string).
#[derive(Debug, Default)]
pub(super) struct SupMap<'a>(pub Vec<(S<'a>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for SupMap<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = SupMap<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of supplementary configuration values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<SupMap<'a>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<S<'de>>()? {
                    let v: &'de RawValue = m.next_value()?;
                    out.push((k, v));
                }
                Ok(SupMap(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<SupMap<'a>, E> {
                Ok(SupMap::default())
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'a> SupMap<'a> {
    pub(super) fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| *v)
    }
}

/// One relationship as any of the three shapes spell it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Rel<'a> {
    #[serde(rename = "resourceType", borrow)]
    pub resource_type: Option<S<'a>>,
    #[serde(rename = "resourceId", borrow)]
    pub resource_id: Option<S<'a>>,
    #[serde(rename = "resourceName", borrow)]
    pub resource_name: Option<S<'a>>,
    #[serde(alias = "relationshipName", borrow)]
    pub name: Option<S<'a>>,
}

/// The envelope of a configuration item, in any of the three shapes. `configuration` and the
/// supplementary values stay raw; they are parsed per resource type afterwards.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Item<'a> {
    #[serde(rename = "resourceType", borrow)]
    pub resource_type: Option<S<'a>>,
    #[serde(rename = "resourceId", borrow)]
    pub resource_id: Option<S<'a>>,
    #[serde(rename = "resourceName", borrow)]
    pub resource_name: Option<S<'a>>,
    #[serde(rename = "ARN", alias = "arn", borrow)]
    pub arn: Option<S<'a>>,
    #[serde(rename = "awsAccountId", alias = "accountId", borrow)]
    pub account: Option<S<'a>>,
    #[serde(rename = "awsRegion", borrow)]
    pub region: Option<S<'a>>,
    #[serde(rename = "configurationItemStatus", borrow)]
    pub status: Option<S<'a>>,
    #[serde(borrow)]
    pub configuration: Option<&'a RawValue>,
    #[serde(rename = "supplementaryConfiguration", borrow)]
    pub sup: Option<SupMap<'a>>,
    pub tags: Option<Tags>,
    #[serde(borrow)]
    pub relationships: Option<Vec<Option<Rel<'a>>>>,
}

/// Keys of an object, values ignored (used for Lambda environment variables: names only, the
/// values are never read into memory as strings).
#[derive(Debug, Default)]
pub(super) struct KeysOnly(pub Vec<String>);

impl<'de> Deserialize<'de> for KeysOnly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeysOnly;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<KeysOnly, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<S<'de>>()? {
                    m.next_value::<IgnoredAny>()?;
                    out.push(k.0.into_owned());
                }
                out.sort();
                Ok(KeysOnly(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeysOnly, E> {
                Ok(KeysOnly::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// A list element that is either a plain string or an object carrying the string under one of
/// a few keys (`ipRanges` entries, `groupList` entries).
#[derive(Debug, Default)]
pub(super) struct StrOrObj(pub Option<String>);

impl<'de> Deserialize<'de> for StrOrObj {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrOrObj;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StrOrObj, E> {
                Ok(StrOrObj(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<StrOrObj, E> {
                Ok(StrOrObj(Some(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<StrOrObj, E> {
                Ok(StrOrObj(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<StrOrObj, A::Error> {
                let mut out = None;
                while let Some(k) = m.next_key::<S<'de>>()? {
                    match k.as_str() {
                        "cidrIp" | "CidrIp" | "groupName" | "GroupName" | "name" => {
                            let v: LStr = m.next_value()?;
                            if out.is_none() {
                                out = v.0;
                            }
                        }
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(StrOrObj(out))
            }
        }
        d.deserialize_any(V)
    }
}
