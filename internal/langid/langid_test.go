package langid

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russian military instructors arrived in Niger on Wednesday, state television said, in a further sign that the country is building closer relations with Moscow.", "en"},
		{"Des instructeurs militaires russes sont arrivés au Niger mercredi, a annoncé la télévision publique, signe d'un rapprochement avec Moscou.", "fr"},
		{"Russland hat ein Luftabwehrsystem und 100 Militärausbilder nach Niger geschickt, berichtete der staatliche Rundfunk am Donnerstagabend.", "de"},
		{"", "und"},
		{"12345 67890", "und"},
	}
	for _, tt := range tests {
		if got, _ := Detect(tt.in); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDetectLongTexts(t *testing.T) {
	fr := "Le gouvernement a annoncé mardi que la réforme des retraites serait présentée au Parlement au printemps, après des mois de concertation avec les syndicats et le patronat. Les organisations syndicales ont appelé à une nouvelle journée de mobilisation dans toute la France, et le ministre du Travail a promis de recevoir leurs représentants la semaine prochaine."
	de := "Die Bundesregierung hat am Dienstag angekündigt, dass die Reform der Renten im Frühjahr dem Parlament vorgelegt werden soll, nach monatelangen Gesprächen mit den Gewerkschaften und den Arbeitgebern. Die Gewerkschaften haben zu einem neuen Aktionstag im ganzen Land aufgerufen, und der Arbeitsminister hat versprochen, ihre Vertreter in der kommenden Woche zu empfangen."
	en := "The government announced on Tuesday that the pension reform would be presented to parliament in the spring, after months of talks with the unions and employers. The unions have called for a new day of action across the country, and the labour minister has promised to meet their representatives next week."
	for _, tt := range []struct{ in, want string }{{fr, "fr"}, {de, "de"}, {en, "en"}} {
		if got, _ := Detect(tt.in); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
