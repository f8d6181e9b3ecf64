//! Training and honest measurement: multinomial logistic regression by
//! AdaGrad with L2, deterministic (fixed seed, fixed order), and k-fold
//! cross-validation that never scores a text the fold trained on.

use crate::features::{Analysed, DIM, analyse};
use crate::linear::{Model, distinct, softmax};

/// One labelled text, already turned into distinct feature buckets.
#[derive(Debug, Clone)]
pub struct Example {
    pub indices: Vec<u32>,
    pub class: usize,
}

impl Example {
    pub fn new(text: &str, class: usize) -> Example {
        Example::of(&analyse(text), class)
    }

    /// From a text already analysed (by whichever analyser the model uses).
    pub fn of(a: &Analysed, class: usize) -> Example {
        Example {
            indices: distinct(&a.features),
            class,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
}

impl Settings {
    /// What the diagnosis models are trained with.
    pub const STANDARD: Settings = Settings {
        epochs: 40,
        learning_rate: 0.5,
        l2: 1e-4,
        seed: 0x5eed_2026,
    };
    /// The failure-type model (issue 16, 2,147 accounts): learning rate
    /// 0.2 read 91.8 % in cross-validation and 88.9 % leaving one style
    /// out, against 91.1 % and 87.5 % at 0.5. The trap model stays at 0.5:
    /// at 0.2 it lost 1.2 points on a second writer's accounts.
    pub const MEDIUM_STEPS: Settings = Settings {
        learning_rate: 0.2,
        ..Settings::STANDARD
    };
    /// The lesson corpus (issue 16, round 6: 2,530 lessons by nine
    /// writers): larger steps and fewer epochs hold up better on a writer
    /// left out whole (`writers`): 0.5 × 20 read 87.1 / 90.8 / 90.8 /
    /// 88.3 / 89.2 % on round 6's five new writers, 0.1 × 40 (what the
    /// 748-lesson corpus cross-validated best at) 86.7 / 89.2 / 89.2 /
    /// 87.5 / 87.5 %.
    pub const FEWER_EPOCHS: Settings = Settings {
        learning_rate: 0.5,
        epochs: 20,
        ..Settings::STANDARD
    };
}

impl Default for Settings {
    fn default() -> Self {
        Settings::STANDARD
    }
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn order(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
        v
    }
}

pub fn train(classes: &[&str], examples: &[Example], s: Settings) -> Model {
    let mut m = Model::zeros(classes);
    let k = m.k();
    let mut g2 = vec![1e-8_f32; DIM * k];
    let mut g2_bias = vec![1e-8_f32; k];
    let mut rng = Shuffle(s.seed | 1);
    for _ in 0..s.epochs {
        for &e in &rng.order(examples.len()) {
            let ex = &examples[e];
            let x = Model::scale(ex.indices.len());
            let probs = softmax(&m.logits(&ex.indices));
            for c in 0..k {
                let err = probs[c] - if c == ex.class { 1.0 } else { 0.0 };
                g2_bias[c] += err * err;
                m.bias[c] -= s.learning_rate * err / g2_bias[c].sqrt();
                for &i in &ex.indices {
                    let at = i as usize * k + c;
                    let grad = err * x + s.l2 * m.weights[at];
                    g2[at] += grad * grad;
                    m.weights[at] -= s.learning_rate * grad / g2[at].sqrt();
                }
            }
        }
    }
    m
}

/// Accuracy and the confusion matrix (`confusion[truth][predicted]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub classes: Vec<String>,
    pub confusion: Vec<Vec<u32>>,
}

impl Evaluation {
    pub fn accuracy(&self) -> f64 {
        let total: u32 = self.confusion.iter().flatten().sum();
        let right: u32 = (0..self.confusion.len())
            .map(|i| self.confusion[i][i])
            .sum();
        f64::from(right) / f64::from(total.max(1))
    }

    /// A Markdown table: rows are the truth, columns the prediction.
    pub fn table(&self) -> String {
        let mut out = format!(
            "| truth \\ predicted | {} | recall |\n",
            self.classes.join(" | ")
        );
        out.push_str(&format!(
            "| --- |{} ---: |\n",
            " ---: |".repeat(self.classes.len())
        ));
        for (i, row) in self.confusion.iter().enumerate() {
            let n: u32 = row.iter().sum();
            let cells: Vec<String> = row.iter().map(u32::to_string).collect();
            out.push_str(&format!(
                "| {} | {} | {:.1} % |\n",
                self.classes[i],
                cells.join(" | "),
                100.0 * f64::from(row[i]) / f64::from(n.max(1))
            ));
        }
        out
    }
}

/// k-fold cross-validation: each example is scored by a model trained
/// without it.
pub fn cross_validate(
    classes: &[&str],
    examples: &[Example],
    folds: usize,
    s: Settings,
) -> Evaluation {
    let k = classes.len();
    let mut confusion = vec![vec![0u32; k]; k];
    let order = Shuffle(s.seed.rotate_left(17) | 1).order(examples.len());
    for fold in 0..folds {
        let (test, train_set): (Vec<usize>, Vec<usize>) =
            (0..order.len()).partition(|p| p % folds == fold);
        let training: Vec<Example> = train_set
            .iter()
            .map(|&p| examples[order[p]].clone())
            .collect();
        let m = train(classes, &training, s);
        for p in test {
            let ex = &examples[order[p]];
            confusion[ex.class][predicted(&m, ex)] += 1;
        }
    }
    Evaluation {
        classes: classes.iter().map(|c| c.to_string()).collect(),
        confusion,
    }
}

/// Trains on the examples not `held` and scores only the held ones: what a
/// model makes of texts kept out of its training whole (a style, a writer).
pub fn hold_out(classes: &[&str], examples: &[Example], held: &[bool], s: Settings) -> Evaluation {
    let training: Vec<Example> = examples
        .iter()
        .zip(held)
        .filter(|(_, h)| !**h)
        .map(|(e, _)| e.clone())
        .collect();
    let m = train(classes, &training, s);
    let k = classes.len();
    let mut confusion = vec![vec![0u32; k]; k];
    for (ex, _) in examples.iter().zip(held).filter(|(_, h)| **h) {
        confusion[ex.class][predicted(&m, ex)] += 1;
    }
    Evaluation {
        classes: classes.iter().map(|c| c.to_string()).collect(),
        confusion,
    }
}

/// The class `m` gives `ex`.
fn predicted(m: &Model, ex: &Example) -> usize {
    let probs = softmax(&m.logits(&ex.indices));
    (0..probs.len())
        .max_by(|a, b| probs[*a].total_cmp(&probs[*b]))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Example> {
        let a = [
            "checked the ledger twice",
            "compared totals with the ledger",
            "ledger reconciled before sending",
        ];
        let b = [
            "stayed quiet in the meeting",
            "did not speak up",
            "kept my concern to myself",
        ];
        a.iter()
            .map(|t| Example::new(t, 0))
            .chain(b.iter().map(|t| Example::new(t, 1)))
            .collect()
    }

    #[test]
    fn training_separates_a_toy_set_and_is_deterministic() {
        let ex = toy();
        let m1 = train(&["ledger", "quiet"], &ex, Settings::default());
        let m2 = train(&["ledger", "quiet"], &ex, Settings::default());
        assert_eq!(m1, m2);
        let a = crate::features::analyse("the ledger totals");
        assert_eq!(m1.score(&a).best().0, 0);
        let b = crate::features::analyse("I did not speak");
        assert_eq!(m1.score(&b).best().0, 1);
    }

    #[test]
    fn cross_validation_counts_every_example_once() {
        let ex = toy();
        let e = cross_validate(&["ledger", "quiet"], &ex, 3, Settings::default());
        let total: u32 = e.confusion.iter().flatten().sum();
        assert_eq!(total as usize, ex.len());
        assert!(e.table().contains("| ledger |"));
    }
}
