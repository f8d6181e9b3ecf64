//! A multinomial logistic-regression model over hashed features: one weight
//! per (bucket, class) and a bias per class. Prediction is a sum of the
//! weights of the features present, then a softmax — microseconds per text.

use crate::features::{Analysed, DIM, DIM_BITS, Feature};

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub classes: Vec<String>,
    /// Rows of one weight per class: every bucket's in bucket order while
    /// training (`DIM × classes`); a loaded model's non-zero rows only,
    /// found through `index`.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// A loaded model's row for each bucket (`NO_ROW`: all zeros); None
    /// when `weights` has every bucket's. Dense, the three embedded models
    /// held 11 MB once loaded, most of it zeros; a bucket's row is still
    /// one lookup away (a binary search over the buckets instead made
    /// diagnosis ~40 % slower).
    index: Option<Box<[u16]>>,
}

/// In `index`: the bucket has no row. A model with this many rows or more
/// stays dense.
const NO_ROW: u16 = u16::MAX;

/// The row of a bucket a sparse model has none for (classes fit in a byte).
static ZEROS: [f32; 256] = [0.0; 256];

/// A prediction: each class's probability, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub ranked: Vec<(usize, f32)>,
}

impl Scored {
    pub fn best(&self) -> (usize, f32) {
        self.ranked[0]
    }
}

impl Model {
    pub fn zeros(classes: &[&str]) -> Model {
        Model {
            classes: classes.iter().map(|c| c.to_string()).collect(),
            weights: vec![0.0; DIM * classes.len()],
            bias: vec![0.0; classes.len()],
            index: None,
        }
    }

    /// Bucket `i`'s weights, one per class.
    pub fn row(&self, i: u32) -> &[f32] {
        let k = self.k();
        let at = match &self.index {
            None => i as usize,
            Some(index) => match index[i as usize] {
                NO_ROW => return &ZEROS[..k],
                at => usize::from(at),
            },
        };
        &self.weights[at * k..at * k + k]
    }

    pub fn k(&self) -> usize {
        self.classes.len()
    }

    /// Each distinct feature counts once, scaled so long texts do not
    /// shout louder than short ones.
    pub fn scale(n_distinct: usize) -> f32 {
        1.0 / (n_distinct.max(1) as f32).sqrt()
    }

    /// Raw scores per class for a set of distinct bucket indices.
    pub fn logits(&self, indices: &[u32]) -> Vec<f32> {
        let x = Self::scale(indices.len());
        let mut out = self.bias.clone();
        for &i in indices {
            let row = self.row(i);
            for (o, w) in out.iter_mut().zip(row) {
                *o += w * x;
            }
        }
        out
    }

    pub fn score(&self, a: &Analysed) -> Scored {
        let probs = softmax(&self.logits(&distinct(&a.features)));
        let mut ranked: Vec<(usize, f32)> = probs.into_iter().enumerate().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        Scored { ranked }
    }

    /// The phrases that pushed hardest towards `class` (ahead of the
    /// runner-up), strongest first, at most `n`.
    pub fn drivers(&self, a: &Analysed, class: usize, n: usize) -> Vec<String> {
        self.drivers_where(a, class, n, |_| true)
    }

    /// As `drivers`, among the phrases `shown` accepts only.
    pub fn drivers_where(
        &self,
        a: &Analysed,
        class: usize,
        n: usize,
        shown: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut pushes: Vec<(f32, &Feature)> = a
            .features
            .iter()
            .filter(|f| f.len > 0 && shown(a.words(f)) && seen.insert(f.index))
            .map(|f| {
                let row = self.row(f.index);
                let others = row
                    .iter()
                    .enumerate()
                    .filter(|(c, _)| *c != class)
                    .map(|(_, w)| *w)
                    .fold(f32::MIN, f32::max);
                (row[class] - others, f)
            })
            .filter(|(push, _)| *push > 0.0)
            .collect();
        pushes.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut phrases: Vec<String> = Vec::new();
        for (_, f) in pushes {
            let p = a.phrase(f);
            if !phrases
                .iter()
                .any(|q| q.contains(&p) || p.contains(q.as_str()))
            {
                phrases.push(p);
            }
            if phrases.len() == n {
                break;
            }
        }
        phrases
    }
}

/// Distinct bucket indices, sorted.
pub fn distinct(features: &[Feature]) -> Vec<u32> {
    let mut v: Vec<u32> = features.iter().map(|f| f.index).collect();
    v.sort_unstable();
    v.dedup();
    v
}

pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::MIN, f32::max);
    let exp: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
    let sum: f32 = exp.iter().sum();
    exp.into_iter().map(|e| e / sum).collect()
}

// ------------------------------------------------------------------ codec

const MAGIC: &[u8; 6] = b"RBLM1\n";

#[derive(Debug, PartialEq, Eq)]
pub struct BadModel(pub &'static str);

impl std::fmt::Display for BadModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a Rebound model file: {}", self.0)
    }
}

impl std::error::Error for BadModel {}

impl Model {
    /// Sparse little-endian: magic, class names, biases, then only the
    /// buckets with a non-zero weight (index, one weight per class).
    pub fn to_bytes(&self) -> Vec<u8> {
        let k = self.k();
        let mut out = MAGIC.to_vec();
        out.push(DIM_BITS as u8);
        out.push(k as u8);
        for c in &self.classes {
            out.push(c.len() as u8);
            out.extend_from_slice(c.as_bytes());
        }
        for b in &self.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        let rows: Vec<u32> = (0..DIM as u32)
            .filter(|&i| self.row(i).iter().any(|w| *w != 0.0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for i in rows {
            out.extend_from_slice(&i.to_le_bytes());
            for w in self.row(i) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, BadModel> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(BadModel("wrong magic"));
        }
        if u32::from(r.u8()?) != DIM_BITS {
            return Err(BadModel("built for another feature size"));
        }
        let k = usize::from(r.u8()?);
        if k < 2 {
            return Err(BadModel("fewer than two classes"));
        }
        let mut classes = Vec::with_capacity(k);
        for _ in 0..k {
            let n = usize::from(r.u8()?);
            let name = std::str::from_utf8(r.take(n)?).map_err(|_| BadModel("class name"))?;
            classes.push(name.to_string());
        }
        let bias = (0..k).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let rows = r.u32()? as usize;
        if rows > DIM {
            return Err(BadModel("more rows than buckets"));
        }
        let sparse = rows < usize::from(NO_ROW);
        let mut index = sparse.then(|| vec![NO_ROW; DIM].into_boxed_slice());
        let mut weights = match sparse {
            true => Vec::with_capacity(rows * k),
            false => vec![0.0; DIM * k],
        };
        let mut last = None;
        for n in 0..rows {
            let i = r.u32()?;
            if i as usize >= DIM {
                return Err(BadModel("bucket out of range"));
            }
            if last.is_some_and(|last| last >= i) {
                return Err(BadModel("buckets out of order"));
            }
            last = Some(i);
            match &mut index {
                Some(index) => {
                    index[i as usize] = n as u16;
                    for _ in 0..k {
                        weights.push(r.f32()?);
                    }
                }
                None => {
                    for c in 0..k {
                        weights[i as usize * k + c] = r.f32()?;
                    }
                }
            }
        }
        if r.at != bytes.len() {
            return Err(BadModel("trailing bytes"));
        }
        Ok(Model {
            classes,
            weights,
            bias,
            index,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BadModel> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(BadModel("truncated"))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, BadModel> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, BadModel> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, BadModel> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::analyse;

    #[test]
    fn a_model_survives_the_round_trip_and_garbage_is_refused() {
        let mut m = Model::zeros(&["a", "b", "c"]);
        m.bias = vec![0.1, -0.2, 0.3];
        m.weights[7 * 3 + 1] = 1.5;
        m.weights[DIM * 3 - 1] = -2.0;
        let bytes = m.to_bytes();
        let loaded = Model::from_bytes(&bytes).unwrap();
        // Loaded sparse: the same weights, the same bytes back.
        for i in [0, 7, 8, DIM as u32 - 1] {
            assert_eq!(loaded.row(i), m.row(i));
        }
        assert_eq!(loaded.row(7), [0.0, 1.5, 0.0]);
        assert_eq!(loaded.weights.len(), 2 * 3);
        assert_eq!(loaded.to_bytes(), bytes);
        assert!(Model::from_bytes(b"nonsense").is_err());
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Model::from_bytes(&extra).is_err());
        // The last two rows (bucket, three weights) swapped: out of order.
        let mut swapped = bytes.clone();
        let n = swapped.len();
        swapped[n - 32..].rotate_left(16);
        assert_eq!(
            Model::from_bytes(&swapped),
            Err(BadModel("buckets out of order"))
        );
    }

    #[test]
    fn a_model_with_too_many_rows_to_index_loads_dense() {
        let mut m = Model::zeros(&["a", "b"]);
        for i in 0..usize::from(NO_ROW) {
            m.weights[i * 2 * 3] = 1.0;
        }
        let loaded = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(loaded, m);
        assert_eq!(loaded.row(3), [1.0, 0.0]);
    }

    #[test]
    fn probabilities_sum_to_one_and_rank_best_first() {
        let mut m = Model::zeros(&["x", "y"]);
        let a = analyse("checked the numbers");
        for i in distinct(&a.features) {
            m.weights[i as usize * 2 + 1] = 1.0;
        }
        let s = m.score(&a);
        assert_eq!(s.best().0, 1);
        let total: f32 = s.ranked.iter().map(|r| r.1).sum();
        assert!((total - 1.0).abs() < 1e-5);
        assert!(!m.drivers(&a, 1, 3).is_empty());
        assert!(m.drivers(&a, 0, 3).is_empty());
    }
}
