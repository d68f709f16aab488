//! `zhtag segment [TEXT...]`: show how the tagger segments text (for checking dictionaries).

use std::io::BufRead;
use std::process::ExitCode;

use clap::Args;
use zhtag::convert::convert_mapped;
use zhtag::normalize::fold;

use super::{CliResult, TaggerArgs};

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// Texts to segment; stdin lines when none.
    pub texts: Vec<String>,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

pub fn run(a: SegmentArgs) -> CliResult {
    let tagger = a.tagger.build()?;
    let show = |text: &str| {
        let conv = convert_mapped(tagger.converter(), &fold(text));
        let chars: Vec<char> = text.chars().collect();
        let words: Vec<String> = tagger
            .tokens(&conv.text)
            .iter()
            .map(|t| {
                let (s, e) = conv.map.to_original(t.start, t.end);
                chars[s.min(chars.len())..e.min(chars.len())]
                    .iter()
                    .collect()
            })
            .collect();
        println!("{}", words.join(" / "));
    };
    if a.texts.is_empty() {
        for line in std::io::stdin().lock().lines() {
            show(&line?);
        }
    } else {
        a.texts.iter().for_each(|t| show(t));
    }
    Ok(ExitCode::SUCCESS)
}
