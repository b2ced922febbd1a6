"""»Sådan regner vi«: how the assessment computes its figures, in plain Danish. These are the
project's own methods, not the sources' (the sources give no statistics), and the page says so."""

from __future__ import annotations

HEADING = "Sådan regner vi"
INTRO = ("Beregningerne er sitets egne, ikke kildernes: pjecen om ligestillingsvurdering beskriver, hvorfor "
         "I skal se på data opdelt på køn, men ikke hvordan tallene skal regnes. Alt regnes i jeres browser "
         "med de samme Python-funktioner, som sitet bruger, når det bygges; intet sendes til en server.")

# The short version for the printed assessment (at most two A4 pages).
SHORT = ("Beregningerne er sitets egne, ikke kildernes. Andele har Wilsons score-interval (Wilson 1927), "
         "forskellen i procentpoint Newcombes hybride score-interval (Newcombe 1998, metode 10) og "
         "forholdet mellem to rater score-intervallet af Graham, Mengersen og Morton (2003). Testene er "
         "eksakte og tosidede: den betingede binomialtest for hvem der modtager ydelsen og Fishers "
         "eksakte test for hvad den opnår; p under 0,05 kalder vi en forskel, der næppe skyldes "
         "tilfældigheder. Antallet, et projekt skal følge, er beregnet med Fleiss' formel med "
         "kontinuitetskorrektion (80 pct. styrke, 5 pct.-niveau).")

# (heading, text) in the order the page shows them.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Andele og 95 pct.-intervaller",
     "Andelen er antallet, der modtager ydelsen (eller nåede målet), delt med antallet i målgruppen (eller "
     "i forløbet). Intervallet er Wilsons score-interval (Wilson 1927). Det holder også for små tal og for "
     "andele tæt på 0 eller 100 pct., og det går aldrig under 0 eller over 100."),
    ("Forskellen i procentpoint",
     "Forskellen er kvindernes andel minus mændenes. Intervallet er Newcombes hybride score-interval "
     "(Newcombe 1998, metode 10), som bygger på de to Wilson-intervaller og også holder for små tal."),
    ("Hvor ofte kvinder modtager ydelsen i forhold til mænd",
     "Forholdet er kvindernes andel delt med mændenes. Intervallet er score-intervallet for forholdet "
     "mellem to rater (Graham, Mengersen og Morton 2003)."),
    ("Kan forskellen skyldes tilfældigheder?",
     "For hvem der modtager ydelsen bruger vi den eksakte betingede binomialtest: hvis kvinder og mænd "
     "modtog ydelsen lige ofte, ville andelen af kvinder blandt modtagerne svare til kvindernes andel af "
     "målgruppen (Przyborowski og Wilenski 1940). For hvad ydelsen opnår bruger vi Fishers eksakte test. "
     "Begge regner sandsynlighederne præcist ud (ingen simulering) og er tosidede. Er p-værdien under "
     "0,05, skriver vi, at forskellen næppe skyldes tilfældigheder."),
    ("Hvor mange borgere skal et projekt følge?",
     "Antallet af kvinder og af mænd, der skal til for at påvise en forskel af den størrelse, I skriver, "
     "med 80 pct. sandsynlighed i en tosidet test på 5 pct.-niveau (Fleiss' formel med "
     "kontinuitetskorrektion, Fleiss, Tytun og Ury 1980). Skriver I en forskel, lægger vi den omkring den "
     "samlede andel for kvinder og mænd; ellers bruger vi de to andele, jeres tal viser. Er en forskel "
     "ikke sikker, og følger I færre borgere end det antal (eller er intervallet for forskellen bredere "
     "end 10 procentpoint), skriver vi, at I bør samle data for flere."),
    ("Hvad tallene ikke kan",
     "Tallene viser, om der er en forskel, ikke hvorfor. En forskel kan skyldes andre forskelle mellem "
     "kvinderne og mændene end køn, fx alder eller helbred. Brug hypoteserne og metoderne nedenfor til at "
     "finde ud af hvorfor."),
)
REFERENCES: tuple[str, ...] = (
    "Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. Journal "
    "of the American Statistical Association 22, 209–212.",
    "Newcombe, R. G. (1998). Interval estimation for the difference between independent proportions: "
    "comparison of eleven methods. Statistics in Medicine 17, 873–890.",
    "Graham, P. L., Mengersen, K. og Morton, A. P. (2003). Confidence limits for the ratio of two rates "
    "based on likelihood scores: non-iterative method. Statistics in Medicine 22, 2071–2083.",
    "Przyborowski, J. og Wilenski, H. (1940). Homogeneity of results in testing samples from Poisson "
    "series. Biometrika 31, 313–323.",
    "Fisher, R. A. (1934). Statistical Methods for Research Workers, 5. udgave, afsnit 21.02.",
    "Fleiss, J. L., Tytun, A. og Ury, H. K. (1980). A simple approximation for calculating sample sizes "
    "for comparing independent proportions. Biometrics 36, 343–346.",
)


def how_we_compute() -> dict[str, object]:
    """The section as plain values for the page and the build."""
    return {"overskrift": HEADING, "indledning": INTRO,
            "afsnit": [{"overskrift": h, "tekst": t} for h, t in SECTIONS], "litteratur": list(REFERENCES)}
