/**
 * Names for the demo municipality: common Swedish first names and surnames (SCB's most common),
 * with names of other origins as a Swedish municipality's staff has them. Fictional people only.
 */
export const womenFirstNames = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Christina', 'Lena', 'Emma', 'Kerstin', 'Marie', 'Malin', 'Ingrid',
  'Linda', 'Jenny', 'Sofia', 'Annika', 'Susanne', 'Elin', 'Monica', 'Hanna', 'Johanna', 'Camilla', 'Ida', 'Helena',
  'Therese', 'Åsa', 'Ulrika', 'Maja', 'Elsa', 'Astrid', 'Ebba', 'Frida', 'Josefin', 'Lisa', 'Matilda', 'Amanda',
  'Fatima', 'Amina', 'Leila', 'Yasmin', 'Aisha', 'Nadia', 'Mira', 'Sanna', 'Pia', 'Birgitta', 'Gunilla', 'Agneta',
  'Katarina', 'Cecilia', 'Louise', 'Jessica', 'Petra', 'Tove', 'Alva', 'Wilma', 'Saga', 'Nora', 'Selma', 'Vera',
];
export const menFirstNames = [
  'Lars', 'Mikael', 'Anders', 'Johan', 'Erik', 'Per', 'Karl', 'Peter', 'Thomas', 'Jan', 'Daniel', 'Fredrik',
  'Hans', 'Andreas', 'Stefan', 'Mats', 'Magnus', 'Jonas', 'Marcus', 'Mattias', 'Niklas', 'Björn', 'Oskar', 'Henrik',
  'Gustav', 'Viktor', 'Emil', 'Alexander', 'David', 'Martin', 'Patrik', 'Robert', 'Simon', 'Tobias', 'Jakob', 'Filip',
  'Mohammed', 'Ali', 'Ahmed', 'Omar', 'Hassan', 'Yusuf', 'Karim', 'Nils', 'Olof', 'Göran', 'Bengt', 'Leif',
  'Ulf', 'Kent', 'Joakim', 'Rasmus', 'Axel', 'William', 'Hugo', 'Elias', 'Liam', 'Noah', 'Adam', 'Isak',
];
export const surnames = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström',
  'Olofsson', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist',
  'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Ali', 'Mohammed',
  'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström',
  'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg',
  'Blomqvist', 'Claesson', 'Nordström', 'Hassan', 'Ahmed', 'Mårtensson', 'Lundström', 'Viklund', 'Björklund', 'Eliasson',
  'Pålsson', 'Berggren', 'Sandström', 'Lund', 'Nordin', 'Ström', 'Åberg', 'Hermansson', 'Ekström', 'Falk',
  'Holmgren', 'Dahlberg', 'Hellström', 'Hedlund', 'Sundberg', 'Sjögren', 'Ek', 'Blom', 'Abrahamsson', 'Martinsson',
  'Öberg', 'Andreasson', 'Strömberg', 'Månsson', 'Åkesson', 'Hansen', 'Norberg', 'Lindholm', 'Dahl', 'Jonasson',
  'Kaya', 'Yilmaz', 'Nguyen', 'Kowalski', 'Nowak', 'Rahimi', 'Hosseini', 'Osman', 'Abdi', 'Warsame',
];

/** Words for the names of preschools, schools and homes, combined for larger municipalities. */
export const natureWords = [
  'Solgläntan', 'Ekbacken', 'Lärkan', 'Trollskogen', 'Blåklockan', 'Humlan', 'Nyckelpigan', 'Skogsbrynet', 'Vitsippan',
  'Ängen', 'Kastanjen', 'Lönnen', 'Björken', 'Linden', 'Rönnen', 'Tallbacken', 'Sjöglimten', 'Stjärnan', 'Regnbågen',
  'Myran', 'Ugglan', 'Igelkotten', 'Ekorren', 'Svalan', 'Duvan', 'Vallmon', 'Smultronet', 'Blåbäret', 'Lingonet', 'Granen',
];
export const placeWords = [
  'Sandbäcken', 'Järven', 'Skogsborg', 'Östermalm', 'Västergården', 'Strångsjö', 'Valla', 'Bie', 'Björkvik', 'Forssjö',
  'Sköldinge', 'Julita', 'Tallås', 'Backa', 'Lövåsen', 'Furuliden', 'Nävertorp', 'Norr', 'Söder', 'Öster', 'Väster',
  'Ängeln', 'Uddebo', 'Nyhem', 'Kerstinbo', 'Talltullen', 'Vingåker', 'Stensund', 'Gersnäs', 'Lasstorp',
];
